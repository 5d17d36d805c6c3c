package io.cutover.workflow;

import io.cutover.activities.BackupActivities;
import io.cutover.activities.BackupResult;
import io.cutover.activities.RestoreRequest;
import io.cutover.api.FailureType;
import io.cutover.plan.Database;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Registers "restore the database from this run's backup" as a step's compensation. */
final class Restores {
  private Restores() {}

  /**
   * Before {@code step} changes its database, makes sure a rollback restores that database from
   * this run's verified backup, once per database however many steps change it.
   */
  static void registerRestore(Step step, StepEnv env) {
    String name = step.database();
    BackupResult backup = env.backupOf(name);
    if (backup == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "step '"
              + step.id()
              + "' changes database '"
              + name
              + "' but no backup of '"
              + name
              + "' was taken earlier in this run: add a backup step before it",
          FailureType.INVALID_PLAN.name());
    }
    String byHand = byHand(env.plan.database(name), name, backup);
    ActivityOptions options =
        ActivityOptions.newBuilder(env.options(step, Duration.ofHours(1)))
            .setRetryOptions(
                RetryOptions.newBuilder(StepEnv.DEFAULT_RETRY).setMaximumAttempts(10).build())
            .setSummary("restore " + name)
            .build();
    // Every verified copy goes with the request, so a damaged first copy falls back to the next.
    BackupActivities restore = Workflow.newActivityStub(BackupActivities.class, options);
    RestoreRequest request =
        new RestoreRequest(
            env.context(step), env.db(name), backup.path(), backup.sha256(), backup.copies());
    env.compensate(
        "restore:" + name,
        step,
        "restore database '" + name + "' from backup " + backup.path(),
        byHand,
        () -> restore.restore(request));
  }

  /** What an operator does by hand when the restore cannot run. */
  private static String byHand(Database db, String name, BackupResult backup) {
    if (db instanceof PostgresDatabase) {
      return "stop the services using database '"
          + name
          + "', check that "
          + backup.path()
          + " has sha256 "
          + backup.sha256()
          + " (else use another copy: "
          + String.join(", ", backup.copies())
          + "), drop the objects created since the backup and run pg_restore --single-transaction"
          + " of it into the database, start the services";
    }
    String file = db instanceof SqliteDatabase s ? s.path() : name;
    return "stop the services using "
        + file
        + ", copy "
        + backup.path()
        + " over it (sha256 "
        + backup.sha256()
        + "), remove "
        + file
        + "-wal and "
        + file
        + "-shm, start the services";
  }
}
