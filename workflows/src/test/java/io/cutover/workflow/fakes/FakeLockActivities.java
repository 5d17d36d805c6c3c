package io.cutover.workflow.fakes;

import io.cutover.activities.LockActivities;
import io.cutover.api.LockAnswer;
import io.cutover.api.LockRequest;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.activity.Activity;

/** Grants every resource at once, by signalling the asking run as a lock workflow would. */
public final class FakeLockActivities implements LockActivities {
  private final CallLog log;

  public FakeLockActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public void requestLock(LockRequest request) {
    log.record("lock " + request.resource());
    Activity.getExecutionContext()
        .getWorkflowClient()
        .newWorkflowStub(CutoverWorkflow.class, request.workflowId())
        .lockAnswer(new LockAnswer(request.resource(), true, null, null));
  }

  @Override
  public boolean holderRunning(String workflowId, String runId) {
    return false;
  }
}
