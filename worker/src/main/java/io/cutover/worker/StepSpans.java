package io.cutover.worker;

import io.cutover.activities.StepContext;
import io.opentracing.Span;
import io.opentracing.Tracer;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.lang.reflect.RecordComponent;

/**
 * Makes the activity spans of Temporal's tracing interceptor read as the cutover's steps: {@code
 * step <id>: <ActivityType>}, tagged {@code cutover.step} and {@code cutover.workflow_id}. Must run
 * inside the OpenTracing interceptor (listed before it: the SDK makes the last one outermost),
 * whose span is then the active one.
 *
 * <p>The step comes from the activity's request: every step activity takes a record whose first
 * component is its {@link StepContext}. The records share no interface (they are plain workflow
 * inputs), so the context is found by its type among the record's components.
 */
public final class StepSpans extends WorkerInterceptorBase {
  private final Tracer tracer;

  public StepSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Span span = tracer.activeSpan();
        if (span != null) {
          String step = stepOf(input.getArguments());
          span.setTag("cutover.workflow_id", context.getInfo().getWorkflowId());
          if (step != null) {
            span.setTag("cutover.step", step);
            span.setOperationName("step " + step + ": " + context.getInfo().getActivityType());
          }
        }
        return super.execute(input);
      }
    };
  }

  static String stepOf(Object[] args) {
    if (args == null || args.length == 0 || args[0] == null || !args[0].getClass().isRecord()) {
      return null;
    }
    for (RecordComponent c : args[0].getClass().getRecordComponents()) {
      if (c.getType() == StepContext.class) {
        try {
          StepContext ctx = (StepContext) c.getAccessor().invoke(args[0]);
          return ctx == null ? null : ctx.stepId();
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }
}
