package io.cutover.workflow;

import io.cutover.api.FailureType;
import io.cutover.api.OpenFailure;
import io.cutover.api.RecoverRequest;
import io.cutover.api.RunStatus;
import io.cutover.plan.OnFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Recover forward: a step with {@code onFailure: decide} that failed keeps the run where it is and
 * asks people to {@code retry} it, {@code skip} it (with a reason; never a {@code required} step)
 * or {@code rollback}. Receives their choice from the {@code recover} update and the {@code
 * retry}/{@code skip} signals, applies it only to the step that waits, and records every choice,
 * and every refused one, in the audit trail.
 */
final class Recovery {
  private static final Logger log = Workflow.getLogger(Recovery.class);

  /** {@link Workflow#getVersion} change id of waiting for a decision after a failed step. */
  static final String CHANGE_ID = "recover-forward";

  static final Duration DEFAULT_DECIDE_WITHIN = Duration.ofHours(1);
  static final String RETRY = "retry";
  static final String SKIP = "skip";
  static final String ROLLBACK = "rollback";

  /** Failures that are decisions already, or the run being stopped: never offered for recovery. */
  private static final Set<FailureType> FINAL =
      Set.of(
          FailureType.GATE_REJECTED,
          FailureType.GATE_TIMEOUT,
          FailureType.TRIGGER_FIRED,
          FailureType.ABORTED);

  private final RunState state;
  private StepRecord open;

  /** The choice for the open failure, or the last one made while none is open. */
  private RecoverRequest choice;

  Recovery(RunState state) {
    this.state = state;
  }

  /**
   * True when this failure of the step waits for people instead of rolling back at once. Asks
   * {@link Workflow#getVersion} last, only for such a failure: a run recorded before recovering
   * forward existed rolls back, as it did.
   */
  static boolean offered(StepEnv env, StepRecord rec, Throwable error) {
    return env.dryRun == null
        && env.plan.onFailureOf(rec.step) == OnFailure.DECIDE
        && !FINAL.contains(Failures.typeOf(error))
        && !Failures.isCancellation(error)
        && !env.interrupted()
        && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  static boolean required(StepRecord rec) {
    return Boolean.TRUE.equals(rec.step.required());
  }

  /** Why a choice would be refused, or null when it would be applied. */
  String refusal(RecoverRequest r) {
    if (r == null || r.step() == null || r.step().isBlank()) {
      return "no step named: send {\"step\": \"<failed step id>\", \"action\":"
          + " \"retry|skip|rollback\", \"by\": \"<your name>\"}";
    }
    String action = action(r);
    if (!List.of(RETRY, SKIP, ROLLBACK).contains(action)) {
      return "action '" + r.action() + "' is not one of retry, skip, rollback";
    }
    if (r.by() == null || r.by().isBlank()) {
      return "no name: set \"by\" to your name";
    }
    if (open == null && choice != null && choice.step().equals(r.step())) {
      return "step '"
          + r.step()
          + "' was already decided: "
          + choice.action()
          + " by "
          + choice.by();
    }
    if (open == null) {
      return "step '" + r.step() + "' is not waiting for a decision (no failed step is)";
    }
    if (!open.step.id().equals(r.step())) {
      return "step '"
          + r.step()
          + "' is not waiting for a decision (the failed step is '"
          + open.step.id()
          + "')";
    }
    if (choice != null) {
      return "step '"
          + r.step()
          + "' was already decided: "
          + choice.action()
          + " by "
          + choice.by();
    }
    if (action.equals(SKIP) && required(open)) {
      return "step '"
          + r.step()
          + "' is required (required: true) and cannot be skipped: retry it or roll back";
    }
    if (action.equals(SKIP) && (r.comment() == null || r.comment().isBlank())) {
      return "a skip needs a reason: set \"comment\" (it goes into the report and the audit trail)";
    }
    return null;
  }

  /**
   * Applies the choice when {@link #refusal} finds nothing against it, and records it either way.
   * Returns null when applied, else the refusal.
   */
  String decide(RecoverRequest r) {
    String reason = refusal(r);
    String action = r == null ? null : action(r);
    String detail =
        "step "
            + (r == null ? null : r.step())
            + (r == null || r.comment() == null ? "" : " — " + r.comment());
    if (reason != null) {
      state.audit(
          "refused",
          r == null ? null : r.by(),
          (action == null ? "" : action + " ") + detail + " (not applied: " + reason + ")");
      return reason;
    }
    choice = new RecoverRequest(r.step(), action, r.by().trim(), r.comment());
    state.audit(action, choice.by(), detail);
    return null;
  }

  /**
   * Shows the failed step as waiting for a decision and waits for one, at most its {@code
   * decideWithin}. Returns the choice; null when none came in time (which means rollback) or the
   * run was aborted or cancelled meanwhile.
   */
  private RecoverRequest ask(StepEnv env, StepRecord rec) {
    Duration within = StepEnv.or(rec.step.decideWithin(), DEFAULT_DECIDE_WITHIN);
    String deadline = Instant.ofEpochMilli(state.nowMillis() + within.toMillis()).toString();
    List<String> choices =
        required(rec) ? List.of(RETRY, ROLLBACK) : List.of(RETRY, SKIP, ROLLBACK);
    open = rec;
    choice = null;
    state.openFailure =
        new OpenFailure(
            rec.step.id(),
            rec.step.title(),
            rec.attempt,
            rec.error,
            rec.evidence,
            required(rec),
            choices,
            state.now(),
            deadline);
    state.status = RunStatus.AWAITING_DECISION;
    state.details(null);
    env.notifier.send(
        "decision-needed",
        Map.of(
            "step",
            rec.step.id(),
            "deadline",
            deadline,
            "message",
            "step '"
                + rec.step.id()
                + "' failed: "
                + rec.error
                + " — "
                + String.join(", ", choices)
                + "?"));
    boolean decided;
    try {
      decided = Workflow.await(within, () -> choice != null || env.interrupted());
    } finally {
      open = null;
      state.openFailure = null;
      state.status = RunStatus.RUNNING;
    }
    state.details(null);
    if (env.interrupted()) {
      return null;
    }
    if (!decided) {
      state.audit(
          "timeout",
          "cutover",
          "step "
              + rec.step.id()
              + ": no decision within "
              + describe(rec)
              + ", which means rollback");
      return null;
    }
    return choice;
  }

  /**
   * Asks what to do about the failed step and applies the choice: a skip marks it skipped, a retry
   * (once the run is not paused) sets it up to run again; both return null. Otherwise returns why
   * the run rolls back: the choice, no decision in time, an abort or cancellation.
   */
  String resolve(StepEnv env, StepRecord rec, String failure, Pauses pauses) {
    RecoverRequest c = ask(env, rec);
    if (env.interrupted()) {
      return env.interruptionReason();
    }
    if (c == null) {
      return failure
          + " — no decision within "
          + describe(rec)
          + " (onFailure: decide), which means rollback";
    }
    String why = c.comment() == null || c.comment().isBlank() ? "" : ": " + c.comment();
    switch (c.action()) {
      case SKIP -> {
        rec.skip(c.by(), c.comment());
        log.warn("Step {} skipped by {}{}", rec.step.id(), c.by(), why);
        state.details(null);
        return null;
      }
      case ROLLBACK -> {
        return failure + " — " + c.by() + " chose to roll back" + why;
      }
      default -> {
        pauses.await(env);
        if (env.interrupted()) {
          return env.interruptionReason();
        }
        rec.retry(c.by(), c.comment());
        log.info("Step {} retried by {} (attempt {}){}", rec.step.id(), c.by(), rec.attempt, why);
        state.currentStep = rec.step.id();
        state.details(null);
        return null;
      }
    }
  }

  /** The decision deadline as the plan wrote it, e.g. {@code 30m}. */
  static String describe(StepRecord rec) {
    return rec.step.decideWithin() == null ? "1h" : rec.step.decideWithin().text();
  }

  private static String action(RecoverRequest r) {
    return r.action() == null ? "" : r.action().trim().toLowerCase(Locale.ROOT);
  }
}
