package io.cutover.worker;

import io.cutover.workflow.ResourceLockWorkflowImpl;
import io.temporal.common.VersioningBehavior;
import io.temporal.workflow.WorkflowVersioningBehavior;

/**
 * The resource lock as a versioned worker registers it. Locks outlive the cutovers that ask for
 * them, so with worker versioning on a lock moves to the current build instead of keeping an old
 * one alive (its changes keep {@code getVersion}); a cutover itself stays pinned. A separate class
 * because the server refuses a versioning behavior from an unversioned worker ("versioning behavior
 * cannot be specified without deployment options"): unversioned workers register {@link
 * ResourceLockWorkflowImpl} itself.
 */
public class AutoUpgradeResourceLockWorkflowImpl extends ResourceLockWorkflowImpl {
  @Override
  @WorkflowVersioningBehavior(VersioningBehavior.AUTO_UPGRADE)
  public void run(String resource) {
    super.run(resource);
  }
}
