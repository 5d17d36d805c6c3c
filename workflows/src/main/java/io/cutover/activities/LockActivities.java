package io.cutover.activities;

import io.cutover.api.LockRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the resource locks need from the Temporal client, which workflow code cannot call. */
@ActivityInterface
public interface LockActivities {
  /**
   * Signal-with-start of the resource's lock workflow with an {@code acquire}: starts it when none
   * runs.
   */
  @ActivityMethod
  void requestLock(LockRequest request);

  /** True while the workflow run is open (a holder that ended no longer holds anything). */
  @ActivityMethod
  boolean holderRunning(String workflowId, String runId);
}
