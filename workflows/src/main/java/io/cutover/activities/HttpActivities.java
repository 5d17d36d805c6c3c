package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** HTTP probes. Read-only, idempotent. */
@ActivityInterface
public interface HttpActivities {
  /**
   * Runs every probe once. If any fails it throws {@code HEALTH_FAILED}, which is retryable: the
   * caller's retry policy and deadline decide how long to keep trying.
   */
  @ActivityMethod
  StepOutcome probe(ProbeRequest request);
}
