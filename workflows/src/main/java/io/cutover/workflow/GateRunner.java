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
import java.util.Map;
import java.util.function.Supplier;

/** Waits for a go/no-go by signal or update; no decision before the timeout means no-go. */
final class GateRunner implements StepRunner<GateStep> {
  static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

  /**
   * {@link Workflow#getVersion} change id: gates check evidence digests and signatures, and void
   * approvals when their evidence changes while open. Runs that opened gates before replay the old
   * way (no digest checks).
   */
  static final String EVIDENCE_BINDING = "evidence-binding";

  @Override
  public StepOutcome run(GateStep step, StepEnv env) {
    return open(step, env, env.evidenceFor(step.evidence()));
  }

  /**
   * Opens a gate showing the given evidence and waits for its outcome (also for monitor decisions
   * and sign-offs).
   */
  static StepOutcome open(GateStep step, StepEnv env, List<Evidence> evidence) {
    return open(step, env, evidence, null);
  }

  /**
   * As {@link #open(GateStep, StepEnv, List)}, with evidence that can change while the gate is open
   * ({@code live}, re-read whenever the workflow wakes, e.g. on each monitor sample): when it
   * changes, approvals given so far are voided and everyone listed is asked again.
   */
  static StepOutcome open(
      GateStep step, StepEnv env, List<Evidence> evidence, Supplier<List<Evidence>> live) {
    Duration timeout = StepEnv.or(step.timeout(), DEFAULT_TIMEOUT);
    RunState state = env.state;
    String deadline = Instant.ofEpochMilli(state.nowMillis() + timeout.toMillis()).toString();
    List<String> approvers = step.approvers().stream().map(GateRunner::label).toList();
    boolean binding = Workflow.getVersion(EVIDENCE_BINDING, Workflow.DEFAULT_VERSION, 1) >= 1;
    env.gates.open(step, binding, evidence);
    state.openGate =
        new OpenGate(
            step.id(),
            step.prompt(),
            approvers,
            state.now(),
            deadline,
            evidence,
            Tally.describe(step),
            step.approvers().stream().map(Approver::name).toList(),
            env.gates.digest());
    state.status = RunStatus.AWAITING_APPROVAL;
    state.details(null);
    env.notifier.send(
        "gate-opened",
        Map.of(
            "gate",
            step.id(),
            "message",
            step.prompt(),
            "deadline",
            deadline,
            "approvers",
            String.join(", ", approvers)));
    boolean decided;
    List<String> missing;
    try {
      long until = state.nowMillis() + timeout.toMillis();
      decided = false;
      while (true) {
        long left = until - state.nowMillis();
        boolean woke =
            left > 0
                && Workflow.await(
                    Duration.ofMillis(left),
                    () ->
                        env.gates.decided()
                            || env.interrupted()
                            || (binding
                                && live != null
                                && !live.get().equals(state.openGate.evidence())));
        if (!woke || env.gates.decided() || env.interrupted()) {
          decided = env.gates.decided();
          break;
        }
        List<String> diff = env.gates.evidenceChanged(live.get());
        if (!diff.isEmpty()) {
          env.notifier.send(
              "gate-evidence-changed",
              Map.of(
                  "gate",
                  step.id(),
                  "message",
                  "evidence changed, decide again: " + String.join("; ", diff),
                  "digest",
                  env.gates.digest(),
                  "approvers",
                  String.join(", ", approvers)));
        }
      }
    } finally {
      missing = env.gates.pending();
      env.gates.close();
      state.openGate = null;
      state.status = RunStatus.RUNNING;
    }
    if (env.interrupted()) {
      throw env.interruption();
    }
    if (!decided) {
      state.approvals.add(
          new ApprovalRecord(
              step.id(),
              "TIMEOUT",
              null,
              null,
              "no decision within "
                  + (step.timeout() == null ? "24h" : step.timeout())
                  + (step.quorum() != null && !missing.isEmpty()
                      ? "; no decision from " + String.join(", ", missing)
                      : ""),
              state.now(),
              true,
              null));
      throw ApplicationFailure.newNonRetryableFailure(
          "gate '"
              + step.id()
              + "' got no decision within "
              + (step.timeout() == null ? "24h" : step.timeout())
              + ": no decision means no-go",
          FailureType.GATE_TIMEOUT.name());
    }
    Tally.Result result = env.gates.result();
    if (result.outcome() != Tally.Outcome.APPROVED) {
      throw ApplicationFailure.newNonRetryableFailure(
          "gate '"
              + step.id()
              + "' rejected "
              + (result.why().startsWith("by ") ? "" : "(")
              + result.why()
              + (result.why().startsWith("by ") ? "" : ")"),
          FailureType.GATE_REJECTED.name());
    }
    return new StepOutcome("approved " + result.why(), List.of(), List.of());
  }

  private static String label(Approver a) {
    return a.role() == null ? a.name() : a.name() + " (" + a.role() + ")";
  }
}
