package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cutover.testing.Examples;
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
 * Replays recorded histories of real runs against today's workflow code: a change that would
 * break cutovers already running fails here. Re-record deliberately, with {@code
 * Workflow.getVersion} guarding the change (see Histories).
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
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () ->
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(f)), CutoverWorkflowImpl.class)));
  }
}
