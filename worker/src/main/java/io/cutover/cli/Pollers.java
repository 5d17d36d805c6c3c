package io.cutover.cli;

import io.cutover.workflow.CutoverWorkflow;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;

/** Which workers poll a host's task queue, from DescribeTaskQueue (real servers only). */
final class Pollers {
  private Pollers() {}

  /** One line naming the workers on {@code cutover-<host>}, or null when the server cannot say. */
  static String describe(WorkflowClient client, String host) {
    String queue = CutoverWorkflow.TASK_QUEUE + "-" + host;
    try {
      var resp =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeTaskQueue(
                  DescribeTaskQueueRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                      .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                      .build());
      if (resp.getPollersCount() == 0) {
        return "no worker polls "
            + queue
            + ": start `cutover worker --host "
            + host
            + "` on that machine";
      }
      StringBuilder sb = new StringBuilder("workers on ").append(queue).append(':');
      for (PollerInfo p : resp.getPollersList()) {
        Instant seen = Instant.ofEpochSecond(p.getLastAccessTime().getSeconds());
        sb.append(' ')
            .append(p.getIdentity())
            .append(" (seen ")
            .append(WatchView.human(Duration.between(seen, Instant.now()).abs()))
            .append(" ago)");
      }
      return sb.toString();
    } catch (StatusRuntimeException e) {
      // UNIMPLEMENTED on the in-memory dev/test server; anything else: the view stands without it.
      return null;
    }
  }
}
