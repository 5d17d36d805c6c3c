package io.cutover.workflow;

import io.cutover.api.StepOutcome;
import io.cutover.plan.WaitStep;
import io.temporal.workflow.Workflow;

/** A durable timer: survives worker restarts without restarting the wait; an abort ends it. */
final class WaitRunner implements StepRunner<WaitStep> {
  @Override
  public StepOutcome run(WaitStep step, StepEnv env) {
    if (Workflow.await(step.duration().toDuration(), env::interrupted)) {
      throw env.interruption();
    }
    return StepOutcome.of("waited " + step.duration());
  }
}
