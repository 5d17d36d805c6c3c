package io.cutover.workflow;

import io.cutover.api.AbortRequest;
import io.cutover.api.ApprovalRecord;
import io.cutover.api.Decision;
import io.cutover.plan.Approver;
import io.cutover.plan.GateStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Receives decisions and aborts from signals and updates, and applies a decision only to the
 * gate that is open at that moment, only from someone allowed to decide it.
 */
final class GateKeeper {
  private final RunState state;
  private GateStep open;
  private ApprovalRecord decision;
  private Tally.Result result;
  private final Map<String, ApprovalRecord> votes = new LinkedHashMap<>();
  private AbortRequest abort;

  GateKeeper(RunState state) {
    this.state = state;
  }

  void open(GateStep gate) {
    open = gate;
    decision = null;
    result = null;
    votes.clear();
  }

  void close() {
    open = null;
  }

  /** Why a decision would be refused, or null if it would be applied. */
  String refusal(Decision d) {
    if (d == null || d.gate() == null || d.gate().isBlank()) {
      return "no gate named: send {\"gate\": \"<gate id>\", \"by\": \"<your name>\"}";
    }
    if (d.by() == null || d.by().isBlank()) {
      return "no approver named: set \"by\" to your name";
    }
    if (open == null) {
      return "gate '" + d.gate() + "' is not open (no gate is waiting for a decision)";
    }
    if (!open.id().equals(d.gate())) {
      return "gate '" + d.gate() + "' is not open (the open gate is '" + open.id() + "')";
    }
    if (decision != null) {
      return "gate '" + d.gate() + "' was already decided by " + decision.by();
    }
    if (!open.approvers().isEmpty() && approver(d.by()) == null) {
      return "'" + d.by() + "' may not decide gate '" + open.id() + "' (approvers: "
          + String.join(", ", open.approvers().stream().map(Approver::name).toList()) + ")";
    }
    ApprovalRecord earlier = votes.get(Tally.key(d.by()));
    if (earlier != null) {
      return "'" + d.by() + "' already decided gate '" + open.id() + "' (" + earlier.decision() + " at " + earlier.at()
          + "): one decision per person";
    }
    return null;
  }

  /** Records the decision; applies it when {@link #refusal} finds nothing against it. */
  boolean decide(Decision d, boolean approve) {
    String reason = refusal(d);
    Approver who = reason == null ? approver(d.by()) : null;
    ApprovalRecord rec =
        new ApprovalRecord(
            d == null ? null : d.gate(),
            approve ? "APPROVE" : "REJECT",
            d == null ? null : d.by(),
            who == null ? null : who.role(),
            d == null ? null : d.comment(),
            state.now(),
            reason == null,
            reason);
    state.approvals.add(rec);
    state.audit(reason == null ? (approve ? "approve" : "reject") : "refused", rec.by(),
        "gate " + rec.gate() + (rec.comment() == null ? "" : " — " + rec.comment()) + (reason == null ? "" : " (not applied: " + reason + ")"));
    if (reason == null) {
      votes.put(Tally.key(d.by()), rec);
      Tally.Result r = Tally.of(open, votes.values());
      if (r.outcome() != Tally.Outcome.PENDING) {
        decision = rec;
        result = r;
      }
      if (state.openGate != null) {
        state.openGate = state.openGate.withPending(pending());
      }
    }
    return reason == null;
  }

  /** Listed approvers of the open gate who have not decided yet. */
  List<String> pending() {
    if (open == null) {
      return List.of();
    }
    return open.approvers().stream().filter(a -> !votes.containsKey(Tally.key(a.name()))).map(Approver::name).toList();
  }

  /** How the open gate was decided: approved or rejected, and by whom. */
  Tally.Result result() {
    return result;
  }

  void abort(AbortRequest request) {
    if (abort == null) {
      abort = request == null ? new AbortRequest(null, null) : request;
    }
  }

  boolean aborted() {
    return abort != null;
  }

  String abortReason() {
    String by = abort.by() == null || abort.by().isBlank() ? "someone" : abort.by();
    String why = abort.reason() == null || abort.reason().isBlank() ? "no reason given" : abort.reason();
    return "aborted by " + by + ": " + why;
  }

  boolean decided() {
    return decision != null;
  }

  ApprovalRecord decision() {
    return decision;
  }

  private Approver approver(String by) {
    if (open == null || open.approvers().isEmpty()) {
      return new Approver(by, null);
    }
    String want = by.trim().toLowerCase(Locale.ROOT);
    return open.approvers().stream()
        .filter(a -> a.name().trim().toLowerCase(Locale.ROOT).equals(want))
        .findFirst()
        .orElse(null);
  }
}
