package io.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The activities a run is waiting on, from DescribeWorkflowExecution: whether a worker has picked
 * each up, its attempt, last error, worker, and its heartbeat details (the step's progress).
 */
record PendingWork(
    String activityType,
    boolean started,
    int attempt,
    JsonNode heartbeat,
    Long lastHeartbeatMillis,
    String lastFailure,
    String worker) {

  static List<PendingWork> of(WorkflowClient client, String workflowId) {
    DescribeWorkflowExecutionResponse d =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    List<PendingWork> out = new ArrayList<>();
    for (PendingActivityInfo a : d.getPendingActivitiesList()) {
      boolean started =
          a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
              || a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED;
      Long beat =
          a.hasLastHeartbeatTime()
              ? a.getLastHeartbeatTime().getSeconds() * 1000
                  + a.getLastHeartbeatTime().getNanos() / 1_000_000
              : null;
      out.add(
          new PendingWork(
              a.getActivityType().getName(),
              started,
              a.getAttempt(),
              a.hasHeartbeatDetails() ? firstJson(client, a.getHeartbeatDetails()) : null,
              beat,
              a.hasLastFailure() ? a.getLastFailure().getMessage() : null,
              a.getLastWorkerIdentity().isEmpty() ? null : a.getLastWorkerIdentity()));
    }
    return out;
  }

  /**
   * Decoded with the client's data converter, so heartbeats encrypted by the payload codec read
   * too.
   */
  private static JsonNode firstJson(WorkflowClient client, Payloads p) {
    if (p.getPayloadsCount() == 0) {
      return null;
    }
    try {
      return client
          .getOptions()
          .getDataConverter()
          .fromPayloads(0, Optional.of(p), JsonNode.class, JsonNode.class);
    } catch (RuntimeException undecodable) {
      return null;
    }
  }
}
