package io.cutover.workflow;

import static io.cutover.workflow.fakes.Runs.compensations;
import static io.cutover.workflow.fakes.Runs.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.workflow.fakes.Fakes;
import io.cutover.workflow.fakes.Runs;
import io.cutover.workflow.watch.MonitorResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An abort signal or a cancellation of the workflow, at every kind of wait (a gate, a wait step, a
 * monitor window, a hold, the change window), ends the wait at once and rolls back: the
 * compensations of what ran, nothing after the wait.
 */
class InterruptionTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  enum Wait {
    GATE(
        "- {id: waiting, type: gate, prompt: go or no-go, approvers: [ann]}",
        Runs.gateOpen("waiting")),
    WAIT_STEP("- {id: waiting, type: wait, duration: 2h}", Runs.running("waiting")),
    MONITOR(
        """
        - id: waiting
          type: monitor
          window: 1h
          interval: 10s
          metrics: {err: {type: command, argv: [read-errors]}}
          triggers: [{when: err > 5}]
        """,
        r -> !r.monitors().isEmpty() && Runs.running("waiting").test(r)),
    HOLD(
        """
        - id: waiting
          type: hold
          metrics: {queue: {type: command, argv: [queue-depth]}}
          conditions: [{name: drained, until: queue == 0}]
          interval: 10s
          deadline: 1h
        """,
        Runs.running("waiting")),
    /** Before the first step that changes anything, the run waits for its change window. */
    CHANGE_WINDOW("", r -> r.status() == RunStatus.WAITING_FOR_WINDOW);

    final String step;
    final Predicate<CutoverReport> waiting;

    Wait(String step, Predicate<CutoverReport> waiting) {
      this.step = step;
      this.waiting = waiting;
    }

    String plan() {
      return """
      name: interrupt
      anchor: int-1
      target: interrupt
      %s
      steps:
        - {id: prepare, type: command, argv: [prepare], undo: [unprepare]}
      %s
        - {id: after, type: command, argv: [after]}
      """
          .formatted(
              this == CHANGE_WINDOW ? "schedule: {notBefore: \"2999-01-01T00:00:00Z\"}" : "",
              step.indent(2));
    }
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "abort, GATE",
    "abort, WAIT_STEP",
    "abort, MONITOR",
    "abort, HOLD",
    "abort, CHANGE_WINDOW",
    "cancel, GATE",
    "cancel, WAIT_STEP",
    "cancel, MONITOR",
    "cancel, HOLD",
    "cancel, CHANGE_WINDOW"
  })
  void rollsBackFromTheWait(String how, Wait wait, WorkflowClient client, WorkflowOptions options) {
    CutoverWorkflow wf = Runs.start(client, options, wait.plan());
    Runs.await(wf, wait.waiting);
    if (how.equals("abort")) {
      wf.abort(new AbortRequest("alice", "vendor said stop"));
    } else {
      WorkflowStub.fromTyped(wf).cancel();
    }
    CutoverReport r = how.equals("abort") ? Runs.result(wf) : Runs.resultAfterCancel(wf);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::failure);
    assertEquals(
        how.equals("abort") ? "aborted by alice: vendor said stop" : StepEnv.CANCELLED,
        r.failure());
    assertFalse(Fakes.LOG.calls().contains("command after"), Fakes.LOG.calls()::toString);
    assertEquals(StepStatus.SKIPPED, status(r, "after"));
    if (wait == Wait.CHANGE_WINDOW) {
      assertEquals(List.of(), Fakes.LOG.calls("command"), "nothing ran before the window");
      assertEquals(List.of(), compensations(r));
      assertTrue(r.rollback().nothingChanged(), "nothing had changed: nothing to undo");
      assertEquals(StepStatus.SKIPPED, status(r, "prepare"));
      return;
    }
    assertEquals(List.of("command prepare", "command prepare (undo)"), Fakes.LOG.calls("command"));
    assertEquals(List.of("prepare: COMPENSATED"), compensations(r));
    assertEquals(StepStatus.COMPENSATED, status(r, "prepare"));
    assertEquals(StepStatus.FAILED, status(r, "waiting"));
    assertFalse(r.rollback().nothingChanged());
    if (how.equals("abort")) {
      assertEquals("abort alice", r.audit().get(0).kind() + " " + r.audit().get(0).by());
    }
    if (wait == Wait.MONITOR) {
      MonitorResult window =
          client
              .newUntypedWorkflowStub(
                  WorkflowStub.fromTyped(wf).getExecution().getWorkflowId() + ".waiting")
              .getResult(MonitorResult.class);
      assertEquals(MonitorResult.STOPPED, window.outcome(), "the window stops with its step");
    }
  }

  /**
   * A cancel at the gate after only read-only commands ran: nothing changed, so the rollback steps
   * that would change things (the command) do not run; a command not marked readOnly counts as a
   * change.
   */
  @ParameterizedTest
  @CsvSource({"true, true", "false, false"})
  void aReadOnlyCheckBeforeTheGateLeavesNothingChanged(
      boolean readOnly, boolean nothingChanged, WorkflowClient client, WorkflowOptions options) {
    String plan =
        """
        name: read-only
        anchor: ro-1
        target: read-only
        steps:
          - {id: check, type: command, argv: [check-files], readOnly: %s}
          - {id: go, type: gate, prompt: go or no-go, approvers: [ann]}
          - {id: after, type: command, argv: [after]}
        rollback:
          - {id: restart-old, type: command, argv: [restart-old]}
        """
            .formatted(readOnly);
    CutoverWorkflow wf = Runs.start(client, options, plan);
    Runs.await(wf, Runs.gateOpen("go"));
    WorkflowStub.fromTyped(wf).cancel();
    CutoverReport r = Runs.resultAfterCancel(wf);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::failure);
    assertEquals(nothingChanged, r.rollback().nothingChanged());
    assertEquals(
        nothingChanged ? List.of("command check") : List.of("command check", "command restart-old"),
        Fakes.LOG.calls("command"));
  }
}
