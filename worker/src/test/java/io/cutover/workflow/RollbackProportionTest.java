package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Ports;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit 4 means "something was changed and could not be put back". A run that stops before any step
 * changed anything ends ROLLED_BACK: its rollback steps that would change things do not run, and a
 * verifying one that fails for the same reason the run stopped is a warning. The same failure after
 * a change is a failed rollback.
 */
class RollbackProportionTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  /** A plan whose old API (on a port nothing listens on) is down from the start. */
  Path plan(String firstStep) throws Exception {
    String down = "http://127.0.0.1:" + Ports.free() + "/health";
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: rollback in proportion",
            "anchor: proportion-1",
            "target: proportion",
            "steps:",
            firstStep,
            "  - {id: api-ready, type: health, probes: [{url: \""
                + down
                + "\"}], deadline: 2s, interval: 500ms}",
            "  - {id: switch, type: command, argv: [touch, switched]}",
            "rollback:",
            "  - {id: restart-old-api, type: command, argv: [touch, restarted]}",
            "  - {id: old-api-answers, type: health, probes: [{url: \""
                + down
                + "\"}], deadline: 2s, interval: 500ms}",
            ""));
    return plan;
  }

  static StepReport rollbackStep(CutoverReport r, String id) {
    return r.rollback().steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aRunStoppedBeforeAnyChangeIsRolledBackNotAFailedRollback(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Path plan = plan("  - {id: note, type: wait, duration: 1s}");
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    assertEquals(3, r.status().exitCode());
    assertTrue(r.rollback().nothingChanged(), "the report says nothing had changed");
    assertTrue(r.rollback().manualActions().isEmpty(), r.rollback()::toString);
    StepReport restart = rollbackStep(r, "restart-old-api");
    assertEquals(
        StepStatus.SKIPPED,
        restart.status(),
        "a rollback step that changes things is not run on an untouched system");
    assertFalse(Files.exists(tmp.resolve("restarted")));
    assertEquals(
        StepStatus.FAILED,
        rollbackStep(r, "old-api-answers").status(),
        "the verifying step ran and found the API down");
    assertEquals(1, r.rollback().warnings().size(), r.rollback()::toString);
    assertTrue(
        r.rollback().warnings().get(0).contains("before this run changed anything"),
        r.rollback().warnings()::toString);
  }

  @Test
  void theSameFailureAfterAChangeIsAFailedRollback(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Path plan = plan("  - {id: mark, type: command, argv: [touch, marked]}");
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    WorkflowFailedException e =
        Assertions.assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(CutoverReport.class));
    ApplicationFailure af = (ApplicationFailure) e.getCause();
    assertEquals("ROLLBACK_FAILED", af.getType());
    CutoverReport r = af.getDetails().get(CutoverReport.class);
    assertEquals(RunStatus.ROLLBACK_FAILED, r.status());
    assertFalse(r.rollback().nothingChanged());
    assertEquals(
        StepStatus.SUCCEEDED,
        rollbackStep(r, "restart-old-api").status(),
        "something changed: every rollback step ran");
    assertTrue(Files.exists(tmp.resolve("restarted")));
    assertTrue(
        r.rollback().manualActions().stream().anyMatch(m -> m.contains("old-api-answers")),
        r.rollback()::toString);
  }
}
