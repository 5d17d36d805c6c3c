package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Read-only checks. Naturally idempotent. */
@ActivityInterface
public interface ValidateActivities {
  /**
   * Runs every check and returns the evidence. If any check says "no" it fails with {@code
   * CHECK_FAILED}, the evidence in the failure details; if one could not run it fails retryably.
   */
  @ActivityMethod
  StepOutcome validate(ValidateRequest request);

  /** Content checksums of tables, to prove later that they did not change. */
  @ActivityMethod
  Fingerprints fingerprint(FingerprintRequest request);
}
