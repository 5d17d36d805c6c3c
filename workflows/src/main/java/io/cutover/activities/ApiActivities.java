package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Calls to third-party HTTP APIs: the {@code http} and {@code column-mapping} steps. */
@ActivityInterface
public interface ApiActivities {
  /**
   * Sends the requests in order; returns the outcome and the values captured. Non-GET requests
   * carry an {@code Idempotency-Key} made of the run, step and request, and a retried attempt
   * resumes after the requests its predecessor completed (from the heartbeat). A failure carries
   * the evidence and, as its second detail, the captures made before it.
   */
  @ActivityMethod
  ApiCallResult call(ApiCallRequest request);

  /** Sends the undo requests of the requests that captured what they need, newest first. */
  @ActivityMethod
  StepOutcome undo(ApiUndoRequest request);

  /** Compares a sync job's column mapping with the board's columns; every mismatch at once. */
  @ActivityMethod
  StepOutcome checkColumns(ColumnCheckRequest request);
}
