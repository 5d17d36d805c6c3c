package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.PauseRequest;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Histories;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause and resume: no new step starts while paused; gates still take decisions; abort still works.
 */
class PauseResumeTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  Path plan() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: pause and resume
        anchor: pause-1
        target: pause
        steps:
          - {id: mark, type: command, argv: [touch, marked], undo: [rm, -f, marked]}
          - {id: go, type: gate, prompt: "Switch now?", timeout: 2h}
          - {id: switch, type: command, argv: [touch, switched]}
        """);
    return plan;
  }

  /** Paused at the open gate, then the gate approved: the run holds before the next step. */
  static CutoverReport pausedAfterTheGate(CutoverWorkflow wf) {
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(30));
    wf.pause(new PauseRequest("alice", "vendor on the phone"));
    wf.pause(new PauseRequest("bob", null));
    CutoverReport atGate =
        CutoverTesting.awaitStatus(wf, r -> r.paused() != null, Duration.ofSeconds(30));
    assertEquals(RunStatus.AWAITING_APPROVAL, atGate.status(), "the gate stays open while paused");
    assertEquals("alice", atGate.paused().by());
    assertEquals(
        "approved",
        wf.decide(new DecisionUpdate("go", "carol", "numbers match", true)),
        "a paused run still takes decisions");
    return CutoverTesting.awaitStatus(
        wf, r -> r.status() == RunStatus.PAUSED, Duration.ofSeconds(30));
  }

  @Test
  void aPausedRunStartsNoStepUntilResumed(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan(), Map.of());
    CutoverReport paused = pausedAfterTheGate(wf);
    assertEquals(StepStatus.SUCCEEDED, step(paused, "go").status());
    assertEquals(StepStatus.PENDING, step(paused, "switch").status());
    Thread.sleep(1_000);
    assertEquals(
        StepStatus.PENDING, step(wf.status(), "switch").status(), "still held a second later");
    assertFalse(Files.exists(tmp.resolve("switched")));
    wf.resume(new PauseRequest("alice", "vendor confirmed"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertTrue(Files.exists(tmp.resolve("switched")));
    assertNull(r.paused());
    assertEquals(
        List.of("pause alice", "refused bob", "approve carol", "resume alice"),
        r.audit().stream().map(a -> a.kind() + " " + a.by()).toList());
    assertTrue(
        r.audit().get(1).detail().contains("already paused by alice"), r.audit().get(1).detail());
    Histories.recordIfAsked(client, wf, "pause-resume");
  }

  @Test
  void anAbortWhilePausedRollsBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan(), Map.of());
    pausedAfterTheGate(wf);
    wf.abort(new AbortRequest("dave", "window closed"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals("aborted by dave: window closed", r.failure());
    assertEquals(StepStatus.SKIPPED, step(r, "switch").status());
    assertFalse(Files.exists(tmp.resolve("switched")));
    assertFalse(Files.exists(tmp.resolve("marked")), "the rollback undid the first step");
    assertNull(r.paused(), "a rollback is never paused");
  }

  @Test
  void aResumeOfARunningRunIsRefusedAndRecorded(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan(), Map.of());
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(30));
    wf.resume(new PauseRequest("erin", null));
    CutoverTesting.awaitStatus(wf, r -> !r.audit().isEmpty(), Duration.ofSeconds(30));
    wf.decide(new DecisionUpdate("go", "carol", null, true));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status());
    assertEquals("refused", r.audit().get(0).kind());
    assertTrue(
        r.audit().get(0).detail().endsWith("(not applied: the run is not paused)"),
        r.audit().get(0).detail());
  }
}
