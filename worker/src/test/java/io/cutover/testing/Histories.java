package io.cutover.testing;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Records workflow histories for the replay tests. Off by default; run a test with {@code
 * -Dcutover.recordHistories=true} to (re)write {@code src/test/resources/histories/NAME.json} after
 * a deliberate change of workflow logic (guarded by {@code Workflow.getVersion}).
 */
public final class Histories {
  private Histories() {}

  /**
   * Every event of a cutover's history and of its children's (monitor windows, with every run they
   * continued as new into), as text, payloads decoded: what a secret scan must search.
   */
  public static String allText(WorkflowClient client, String workflowId) {
    StringBuilder sb = new StringBuilder();
    Deque<String[]> todo = new ArrayDeque<>();
    todo.add(new String[] {workflowId, null});
    while (!todo.isEmpty()) {
      String[] next = todo.poll();
      List<HistoryEvent> events =
          (next[1] == null ? client.fetchHistory(next[0]) : client.fetchHistory(next[0], next[1]))
              .getEvents();
      for (HistoryEvent e : events) {
        sb.append(e).append('\n');
        if (e.hasChildWorkflowExecutionStartedEventAttributes()) {
          var child = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
          todo.add(new String[] {child.getWorkflowId(), child.getRunId()});
        }
        if (e.hasWorkflowExecutionContinuedAsNewEventAttributes()) {
          todo.add(
              new String[] {
                next[0],
                e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              });
        }
      }
    }
    return sb.toString();
  }

  public static void recordIfAsked(WorkflowClient client, Object typedStub, String name) {
    if (Boolean.getBoolean("cutover.recordHistories")) {
      recordIfAsked(client, WorkflowStub.fromTyped(typedStub).getExecution().getWorkflowId(), name);
    }
  }

  /** The same for the latest run of a workflow id. */
  public static void recordIfAsked(WorkflowClient client, String id, String name) {
    if (!Boolean.getBoolean("cutover.recordHistories")) {
      return;
    }
    Path out =
        Examples.root().resolve("worker/src/test/resources/histories").resolve(name + ".json");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, client.fetchHistory(id).toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
