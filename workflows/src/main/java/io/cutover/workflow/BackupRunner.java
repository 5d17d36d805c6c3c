package io.cutover.workflow;

import io.cutover.activities.BackupActivities;
import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.api.StepOutcome;
import io.cutover.plan.BackupStep;
import java.time.Duration;

/** Takes a verified backup and remembers it as the restore point for its database. */
final class BackupRunner implements StepRunner<BackupStep> {
  @Override
  public StepOutcome run(BackupStep step, StepEnv env) {
    BackupActivities backups = env.stub(BackupActivities.class, step, Duration.ofHours(2));
    BackupResult result =
        backups.backup(new BackupRequest(env.context(step), env.db(step.database()), step));
    env.recordBackup(result);
    return result.outcome();
  }
}
