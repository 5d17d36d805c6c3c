package io.cutover.workflow;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.OpenGate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Approver;
import io.cutover.plan.GateStep;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waits for a go/no-go by signal or update; no decision before the timeout means no-go. */
final class GateRunner implements StepRunner<GateStep> {
  static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  @Override
  public StepOutcome run(GateStep step, StepEnv env) {
    Duration timeout = StepEnv.or(step.timeout(), DEFAULT_TIMEOUT);
    RunState state = env.state;
    List<Evidence> evidence = env.evidenceFor(step.evidence());
    String deadline = Instant.ofEpochMilli(state.nowMillis() + timeout.toMillis()).toString();
    state.openGate =
        new OpenGate(step.id(), step.prompt(), step.approvers().stream().map(GateRunner::label).toList(),
            state.now(), deadline, evidence);
    state.status = RunStatus.AWAITING_APPROVAL;
    env.gates.open(step);
    state.details(null);
    boolean decided;
    try {
      decided = Workflow.await(timeout, () -> env.gates.decided() || env.interrupted());
    } finally {
      env.gates.close();
      state.openGate = null;
      state.status = RunStatus.RUNNING;
    }
    if (env.interrupted()) {
      throw env.interruption();
    }
    if (!decided) {
      state.approvals.add(
          new ApprovalRecord(step.id(), "TIMEOUT", null, null, "no decision within " + timeout, state.now(), true, null));
      throw ApplicationFailure.newNonRetryableFailure(
          "gate '" + step.id() + "' got no decision within " + (step.timeout() == null ? "24h" : step.timeout())
              + ": no decision means no-go",
          FailureType.GATE_TIMEOUT.name());
    }
    ApprovalRecord d = env.gates.decision();
    String by = d.by() + (d.comment() == null || d.comment().isBlank() ? "" : ": " + d.comment());
    if (!"APPROVE".equals(d.decision())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "gate '" + step.id() + "' rejected by " + by, FailureType.GATE_REJECTED.name());
    }
    return new StepOutcome("approved by " + by, List.of(), List.of());
  }

  private static String label(Approver a) {
    return a.role() == null ? a.name() : a.name() + " (" + a.role() + ")";
  }
}
