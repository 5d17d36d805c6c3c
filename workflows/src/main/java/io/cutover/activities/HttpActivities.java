package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** HTTP probes. Read-only, idempotent. */
@ActivityInterface
public interface HttpActivities {
  /**
   * Runs the probes every interval until all pass in the same round, or fails with {@code
   * HEALTH_FAILED} and the last round's evidence once the deadline has passed. Waiting inside one
   * heartbeating attempt keeps a service's real start-up time out of workflow timers; a retry after
   * a crash resumes the same deadline from the heartbeat.
   */
  @ActivityMethod
  StepOutcome probe(ProbeRequest request);
}
