package io.cutover.workflow;

import io.cutover.activities.CopyActivities;
import io.cutover.activities.CopyRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CopyStep;
import io.cutover.plan.OnRollback;
import java.time.Duration;

/**
 * Copies SQLite into PostgreSQL in one long heartbeating activity that resumes from its committed
 * checkpoints when retried; dropping or emptying what it wrote is registered first.
 */
final class CopyRunner implements StepRunner<CopyStep> {
  @Override
  public StepOutcome run(CopyStep step, StepEnv env) {
    CopyActivities copies = env.stub(CopyActivities.class, step, Duration.ofHours(6));
    CopyRequest request =
        new CopyRequest(env.context(step), env.db(step.source()), env.db(step.target()), step);
    if (step.onRollback() == OnRollback.KEEP) {
      env.keepOnRollback(
          step, "the tables step '" + step.id() + "' wrote on '" + step.target() + "'");
      return copies.copy(request);
    }
    env.compensate(
        "copy:" + step.id(),
        step,
        "drop the tables step '"
            + step.id()
            + "' created on '"
            + step.target()
            + "' and empty the ones it filled",
        "on '"
            + step.target()
            + "': drop the tables listed as created in cutover_copy_progress for this run, truncate"
            + " the others listed",
        () -> copies.undoCopy(request));
    return copies.copy(request);
  }
}
