package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Backups and the restore that rolls a database back to one. */
@ActivityInterface
public interface BackupActivities {
  /**
   * Takes a consistent backup under a live writer, hashes it, copies it to every destination and
   * verifies each copy. Idempotent: a retry finds a completed, verified backup and returns it.
   */
  @ActivityMethod
  BackupResult backup(BackupRequest request);

  /**
   * Replaces the database file with the backup atomically (write aside, fsync, rename) and verifies
   * the result has the backup's SHA-256. Safe to run again.
   */
  @ActivityMethod
  StepOutcome restore(RestoreRequest request);
}
