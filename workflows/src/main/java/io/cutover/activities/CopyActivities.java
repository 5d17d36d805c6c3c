package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** SQLite to PostgreSQL copies. */
@ActivityInterface
public interface CopyActivities {
  /**
   * Copies the tables, committing progress with the data; heartbeats {@link CopyProgress}. A
   * retried attempt resumes from the last committed chunk of every table.
   */
  @ActivityMethod
  StepOutcome copy(CopyRequest request);

  /** Drops the tables this run's copy created and empties the ones it filled. Safe to run again. */
  @ActivityMethod
  StepOutcome undoCopy(CopyRequest request);
}
