package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cutover.activities.support.Json;
import io.cutover.testing.Examples;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays recorded histories of real runs against today's workflow code: a change that would break
 * cutovers already running fails here. Re-record deliberately, with {@code Workflow.getVersion}
 * guarding the change (see Histories).
 */
class ReplayTest {
  @TestFactory
  Stream<DynamicTest> recordedHistoriesReplayWithoutNonDeterminism() throws IOException {
    Path dir = Examples.root().resolve("worker/src/test/resources/histories");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no recorded histories in " + dir);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      WorkflowExecutionHistory history =
                          WorkflowExecutionHistory.fromJson(Files.readString(f));
                      String id = parentIdOfChildren(history);
                      if (id != null) {
                        history = WorkflowExecutionHistory.fromJson(Files.readString(f), id);
                      }
                      WorkflowReplayer.replayWorkflowExecution(history, CutoverWorkflowImpl.class);
                    }));
  }

  /**
   * The recorded run's workflow id when it started monitor windows: their ids derive from it, so
   * the replay must run under the same id. Each window's input names its parent.
   */
  private static String parentIdOfChildren(WorkflowExecutionHistory history) throws IOException {
    for (HistoryEvent e : history.getEvents()) {
      if (e.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
        var input =
            e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                .getInput()
                .getPayloads(0)
                .getData();
        return Json.MAPPER.readTree(input.toByteArray()).path("parentWorkflowId").asText(null);
      }
    }
    return null;
  }
}
