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

  /**
   * After a restart's health probes passed: the process the service's pid file names is running and
   * holds the ports its probes reached. Fails {@code SERVICE_EXITED} (with its exit code and last
   * log lines) or {@code PORT_IN_USE} (naming the holder) when the probes were answered by another
   * process. Read-only.
   */
  @ActivityMethod
  StepOutcome confirmRunning(RestartRequest request);
}
