package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Restarts services, by their own restart command or as processes Cutover manages. */
@ActivityInterface
public interface ServiceActivities {
  /**
   * Restarts one service. For a managed process: stops the one in the pid file (TERM, then KILL
   * after a grace period) and starts a new one detached. Running it twice leaves one process.
   */
  @ActivityMethod
  StepOutcome restartService(RestartRequest request);
}
