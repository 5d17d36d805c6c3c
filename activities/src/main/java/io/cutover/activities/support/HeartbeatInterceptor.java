package io.cutover.activities.support;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Gives every activity a {@link Pulse}. Workflows set a short heartbeat timeout on every activity,
 * so a worker hosting Cutover's activities must register this interceptor.
 */
public final class HeartbeatInterceptor extends WorkerInterceptorBase {
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
        try (Pulse ignored = Pulse.start(context)) {
          return super.execute(input);
        }
      }
    };
  }
}
