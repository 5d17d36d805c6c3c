package io.cutover.activities.lock;

import io.cutover.activities.LockActivities;
import io.cutover.api.LockRequest;
import io.cutover.workflow.CutoverWorkflow;
import io.cutover.workflow.ResourceKeys;
import io.cutover.workflow.ResourceLockWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Signal-with-start of a resource's lock workflow, and whether a holder still runs. */
public class LockActivitiesImpl implements LockActivities {
  @Override
  public void requestLock(LockRequest request) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    ResourceLockWorkflow lock =
        client.newWorkflowStub(
            ResourceLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ResourceKeys.lockWorkflowId(request.resource()))
                .setTaskQueue(
                    request.taskQueue() == null ? CutoverWorkflow.TASK_QUEUE : request.taskQueue())
                .setStaticSummary("one cutover at a time: " + request.resource())
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(lock::run, request.resource());
    batch.add(lock::acquire, request);
    client.signalWithStart(batch);
  }

  @Override
  public boolean holderRunning(String workflowId, String runId) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    try {
      var info =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(workflowId)
                              .setRunId(runId == null ? "" : runId))
                      .build())
              .getWorkflowExecutionInfo();
      return info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
