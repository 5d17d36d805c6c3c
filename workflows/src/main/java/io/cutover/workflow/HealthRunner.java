package io.cutover.workflow;

import io.cutover.activities.HttpActivities;
import io.cutover.activities.ProbeRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HealthStep;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Probes until they all pass; the deadline is the activity's schedule-to-close timeout. */
final class HealthRunner implements StepRunner<HealthStep> {
  @Override
  public StepOutcome run(HealthStep step, StepEnv env) {
    return probeUntil(env, step, step.probes(), step.deadline().toDuration(), step.interval().toDuration());
  }

  /** One round of probes per attempt, retried every {@code interval} until {@code deadline}. */
  static StepOutcome probeUntil(
      StepEnv env, Step step, List<HttpProbe> probes, Duration deadline, Duration interval) {
    ActivityOptions options =
        ActivityOptions.newBuilder(env.options(step, Duration.ofSeconds(30)))
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(deadline)
            .setRetryOptions(
                RetryOptions.newBuilder(StepEnv.DEFAULT_RETRY)
                    .setInitialInterval(interval)
                    .setBackoffCoefficient(1.0)
                    .setMaximumInterval(interval)
                    .setMaximumAttempts(0)
                    .build())
            .build();
    HttpActivities http = Workflow.newActivityStub(HttpActivities.class, options);
    return http.probe(new ProbeRequest(env.context(step), probes));
  }
}
