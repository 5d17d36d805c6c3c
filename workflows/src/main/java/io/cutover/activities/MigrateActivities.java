package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Versioned SQL migrations with a history table. */
@ActivityInterface
public interface MigrateActivities {
  /**
   * Applies the scripts the history table does not list yet, each in one transaction with its
   * history row, so a retry applies only what is missing. Refuses ({@code SCRIPT_CHANGED}) when an
   * applied script's checksum no longer matches its file.
   */
  @ActivityMethod
  StepOutcome migrate(MigrateRequest request);

  /**
   * Undoes the versions this run applied, newest first: the script's {@code U<version>__*.sql} when
   * there is one, else dropping the objects the script created. Safe to run again.
   */
  @ActivityMethod
  StepOutcome undoMigrate(MigrateRequest request);
}
