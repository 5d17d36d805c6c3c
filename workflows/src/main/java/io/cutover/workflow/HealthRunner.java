package io.cutover.workflow;

import io.cutover.activities.HttpActivities;
import io.cutover.activities.ProbeRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HealthStep;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Probes until they all pass or the deadline passes; the waiting happens inside the activity. */
final class HealthRunner implements StepRunner<HealthStep> {
  /** Slack beyond the deadline for the last round of probes to answer. */
  private static final Duration SLACK = Duration.ofSeconds(30);

  @Override
  public StepOutcome run(HealthStep step, StepEnv env) {
    return probeUntil(
        env, step, step.probes(), step.deadline().toDuration(), step.interval().toDuration());
  }

  static StepOutcome probeUntil(
      StepEnv env, Step step, List<HttpProbe> probes, Duration deadline, Duration interval) {
    ActivityOptions options =
        ActivityOptions.newBuilder(env.options(step, deadline.plus(SLACK)))
            .setStartToCloseTimeout(deadline.plus(SLACK))
            .build();
    HttpActivities http = Workflow.newActivityStub(HttpActivities.class, options);
    return http.probe(
        new ProbeRequest(env.context(step), probes, deadline.toMillis(), interval.toMillis()));
  }
}
