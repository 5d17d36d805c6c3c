package io.cutover.workflow;

import io.cutover.activities.MigrateActivities;
import io.cutover.activities.MigrateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.MigrateStep;
import io.cutover.plan.OnRollback;
import java.time.Duration;

/** Applies migrations; undoing this run's versions is registered first. */
final class MigrateRunner implements StepRunner<MigrateStep> {
  @Override
  public StepOutcome run(MigrateStep step, StepEnv env) {
    MigrateActivities migrations = env.stub(MigrateActivities.class, step, Duration.ofHours(1));
    MigrateRequest request = new MigrateRequest(env.context(step), env.db(step.database()), step);
    if (step.onRollback() == OnRollback.KEEP) {
      env.keepOnRollback(
          step, "the schema step '" + step.id() + "' migrated on '" + step.database() + "'");
      return migrations.migrate(request);
    }
    env.compensate(
        "migrate:" + step.id(),
        step,
        "undo the migrations step '" + step.id() + "' applied to '" + step.database() + "'",
        "for each version this run applied (see "
            + step.historyTable()
            + "), newest first: run its U<version>__*.sql from "
            + step.dir()
            + " or drop what it created, then delete its history row",
        () -> migrations.undoMigrate(request));
    return migrations.migrate(request);
  }
}
