package io.cutover.workflow;

import static io.cutover.workflow.fakes.Runs.compensations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.workflow.fakes.Fakes;
import io.cutover.workflow.fakes.Runs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gates on the real workflow: quorum {@code all} and {@code n} with required roles, rejections, a
 * gate that times out, and decisions that are refused.
 */
class GateTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  static String plan(String gateExtra) {
    return """
    name: gates
    anchor: gate-1
    target: gates
    steps:
      - {id: prepare, type: command, argv: [prepare], undo: [unprepare]}
      - id: go
        type: gate
        prompt: switch to the new system
        approvers:
          - {name: ann, role: Engineering Lead}
          - {name: olu, role: Operations Lead}
          - {name: dee, role: Data Quality}
    %s
      - {id: switch, type: command, argv: [switch]}
    """
        .formatted(gateExtra.indent(4));
  }

  static String approve(CutoverWorkflow wf, String by) {
    return wf.decide(new DecisionUpdate("go", by, "ok", true));
  }

  static List<String> decisions(CutoverReport r) {
    return r.approvals().stream()
        .map(
            a ->
                a.decision()
                    + " "
                    + (a.by() == null ? "-" : a.by())
                    + (a.accepted() ? "" : " (refused)"))
        .toList();
  }

  @Test
  void quorumAllWaitsForEveryApprover(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan("quorum: all"));
    Runs.await(wf, Runs.gateOpen("go"));
    assertEquals("approved", approve(wf, "ann"));
    assertEquals("approved", approve(wf, "OLU"), "names match without case");
    CutoverReport mid = wf.status();
    assertEquals(RunStatus.AWAITING_APPROVAL, mid.status());
    assertEquals(List.of("dee"), mid.openGate().pending());
    assertFalse(Fakes.LOG.calls().contains("command switch"));
    assertEquals("approved", approve(wf, "dee"));
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertEquals(List.of("APPROVE ann", "APPROVE OLU", "APPROVE dee"), decisions(r));
    assertEquals(List.of("command prepare", "command switch"), Fakes.LOG.calls("command"));
    assertNull(r.openGate());
  }

  @Test
  void quorumOfTwoNeedsEveryListedRole(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan("quorum: 2\nroles: [Operations Lead]"));
    Runs.await(wf, Runs.gateOpen("go"));
    approve(wf, "ann");
    approve(wf, "dee");
    CutoverReport mid = wf.status();
    assertEquals(
        RunStatus.AWAITING_APPROVAL, mid.status(), "two approvals, but no Operations Lead yet");
    assertEquals(List.of("olu"), mid.openGate().pending());
    approve(wf, "olu");
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertEquals(StepStatus.SUCCEEDED, Runs.status(r, "go"));
  }

  @Test
  void aRejectionByARequiredRoleIsNoGoAtOnce(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan("quorum: 2\nroles: [Operations Lead]"));
    Runs.await(wf, Runs.gateOpen("go"));
    approve(wf, "ann");
    assertEquals(
        "rejected", wf.decide(new DecisionUpdate("go", "olu", "error rate too high", false)));
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().startsWith("step 'go' failed: gate 'go' rejected by olu"), r.failure());
    assertTrue(r.failure().contains("error rate too high"), r.failure());
    assertEquals(List.of("prepare: COMPENSATED"), compensations(r));
    assertEquals(List.of("command prepare", "command prepare (undo)"), Fakes.LOG.calls("command"));
  }

  @Test
  void withoutAQuorumTheFirstDecisionDecides(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan(""));
    Runs.await(wf, Runs.gateOpen("go"));
    wf.reject(new Decision("go", "dee", "counts differ"));
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(
        "step 'go' failed: gate 'go' rejected by dee (Data Quality): counts differ", r.failure());
    assertEquals(List.of("REJECT dee"), decisions(r));
    assertEquals(List.of("prepare: COMPENSATED"), compensations(r));
  }

  @Test
  void noDecisionBeforeTheTimeoutIsNoGo(WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan("quorum: all\ntimeout: 30m"));
    Runs.await(wf, Runs.gateOpen("go"));
    approve(wf, "ann");
    CutoverReport r = Runs.result(wf); // time skips to the deadline

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(
        "step 'go' failed: gate 'go' got no decision within 30m: no decision means no-go",
        r.failure());
    ApprovalRecord timeout = r.approvals().get(r.approvals().size() - 1);
    assertEquals("TIMEOUT", timeout.decision());
    assertEquals("no decision within 30m; no decision from olu, dee", timeout.comment());
    assertEquals(List.of("prepare: COMPENSATED"), compensations(r));
    assertFalse(Fakes.LOG.calls().contains("command switch"));
  }

  @Test
  void decisionsFromOthersOrForAnotherGateAreRefused(
      WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, plan(""));
    Runs.await(wf, Runs.gateOpen("go"));
    WorkflowUpdateException e =
        assertThrows(WorkflowUpdateException.class, () -> approve(wf, "mallory"));
    assertEquals(
        "'mallory' may not decide gate 'go' (approvers: ann, olu, dee)",
        ((ApplicationFailure) e.getCause()).getOriginalMessage());
    wf.approve(new Decision("other-gate", "ann", null)); // a signal: refused, but recorded
    wf.approve(new Decision("go", "mallory", null));
    CutoverReport mid = Runs.await(wf, r -> r.approvals().size() == 2);
    assertEquals(RunStatus.AWAITING_APPROVAL, mid.status());
    assertEquals(
        "gate 'other-gate' is not open (the open gate is 'go')", mid.approvals().get(0).reason());
    approve(wf, "ann");
    CutoverReport r = Runs.result(wf);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertEquals(
        List.of("APPROVE ann (refused)", "APPROVE mallory (refused)", "APPROVE ann"), decisions(r));
    assertEquals(
        List.of("refused", "refused", "approve"), r.audit().stream().map(a -> a.kind()).toList());
  }
}
