package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Reading metrics for monitor windows and baselines, soaking a canary, checking holds. Read-only.
 */
@ActivityInterface
public interface WatchActivities {
  /**
   * Reads every metric once. A metric that cannot be read comes back with its error, not as a
   * failure of the activity, so one dead source never costs the others their sample. Idempotent:
   * log files are read from the cursors given, so a retry counts the same lines again, not twice.
   */
  @ActivityMethod
  SampleResult sample(SampleRequest request);

  /**
   * Runs the probes every interval for the whole duration; fails with {@code HEALTH_FAILED} at the
   * first round that does not pass. A retry after a crash resumes the same duration.
   */
  @ActivityMethod
  StepOutcome soak(SoakRequest request);

  /**
   * Evaluates every condition of a {@code hold} step once: metrics, queries (read-only
   * connections), probes, files, the time of day at the request's workflow time. A condition that
   * cannot be evaluated does not hold, and says why; the activity itself fails only when
   * interrupted. Idempotent: a retry reads the same sources from the same previous readings.
   */
  @ActivityMethod
  HoldCheckResult holdCheck(HoldCheckRequest request);
}
