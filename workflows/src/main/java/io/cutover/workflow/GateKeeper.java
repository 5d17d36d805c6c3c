package io.cutover.workflow;

import io.cutover.api.AbortRequest;
import io.cutover.api.ApprovalRecord;
import io.cutover.api.Decision;
import io.cutover.api.DecisionSignature;
import io.cutover.api.Evidence;
import io.cutover.plan.Approver;
import io.cutover.plan.GateStep;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Receives decisions and aborts from signals and updates, and applies a decision only to the gate
 * that is open at that moment, only from someone allowed to decide it.
 */
final class GateKeeper {
  private final RunState state;
  private GateStep open;
  private ApprovalRecord decision;
  private Tally.Result result;
  private final Map<String, ApprovalRecord> votes = new LinkedHashMap<>();
  private AbortRequest abort;

  /**
   * Evidence binding and signatures in force for the open gate (see {@link
   * GateRunner#EVIDENCE_BINDING}).
   */
  private boolean binding;

  private List<Evidence> evidence = List.of();
  private String digest;

  /**
   * Every digest the open gate has shown, with its evidence: to say what differs when a stale one
   * is named.
   */
  private final Map<String, List<Evidence>> shown = new LinkedHashMap<>();

  GateKeeper(RunState state) {
    this.state = state;
  }

  void open(GateStep gate) {
    open(gate, false, List.of());
  }

  void open(GateStep gate, boolean binding, List<Evidence> evidence) {
    open = gate;
    decision = null;
    result = null;
    votes.clear();
    shown.clear();
    this.binding = binding;
    this.evidence = List.copyOf(evidence);
    this.digest = EvidenceDigest.of(this.evidence);
    shown.put(digest, this.evidence);
  }

  void close() {
    open = null;
  }

  /** The open gate's evidence digest (what a bound decision must name). */
  String digest() {
    return digest;
  }

  /**
   * The open gate's evidence changed (a monitor sample it cites, a re-check): approvals given so
   * far were given on other facts, so they are void and everyone is asked again. Returns what
   * differs, or an empty list when nothing did (or binding is off for this run).
   */
  List<String> evidenceChanged(List<Evidence> now) {
    String d = EvidenceDigest.of(now);
    if (open == null || !binding || d.equals(digest)) {
      return List.of();
    }
    List<String> diff = EvidenceDigest.differences(evidence, now);
    String why = "evidence changed (" + String.join("; ", diff) + "): decide again on digest " + d;
    for (ApprovalRecord v : votes.values()) {
      state.approvals.add(
          new ApprovalRecord(
              v.gate(), "VOIDED", v.by(), v.role(), v.comment(), state.now(), false, why));
      state.audit(
          "voided",
          v.by(),
          "gate "
              + v.gate()
              + ": "
              + v.decision()
              + " given on digest "
              + digest
              + " voided, "
              + why);
    }
    votes.clear();
    evidence = List.copyOf(now);
    digest = d;
    shown.put(d, evidence);
    if (state.openGate != null) {
      state.openGate = state.openGate.withEvidence(evidence, digest, pending());
    }
    return diff;
  }

  /** Why a decision would be refused, or null if it would be applied. */
  String refusal(Decision d) {
    return refusal(d, true);
  }

  /**
   * Why a decision ({@code approve}: go or no-go — a signature covers which) would be refused, or
   * null.
   */
  String refusal(Decision d, boolean approve) {
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
      return "'"
          + d.by()
          + "' may not decide gate '"
          + open.id()
          + "' (approvers: "
          + String.join(", ", open.approvers().stream().map(Approver::name).toList())
          + ")";
    }
    ApprovalRecord earlier = votes.get(Tally.key(d.by()));
    if (earlier != null) {
      return "'"
          + d.by()
          + "' already decided gate '"
          + open.id()
          + "' ("
          + earlier.decision()
          + " at "
          + earlier.at()
          + "): one decision per person";
    }
    return binding ? bindingRefusal(d, approve) : null;
  }

  /** Evidence digest and signature rules: null when the decision passes them. */
  private String bindingRefusal(Decision d, boolean approve) {
    boolean bound = Boolean.TRUE.equals(open.bindEvidence());
    Approver who = approver(d.by());
    if (d.evidence() != null && !d.evidence().isBlank() && !d.evidence().trim().equals(digest)) {
      List<Evidence> then = shown.get(d.evidence().trim());
      return "the decision names evidence digest "
          + d.evidence().trim()
          + " but gate '"
          + open.id()
          + "' now shows "
          + digest
          + (then == null
              ? " (that digest was never shown at this gate)"
              : "; what differs: " + String.join("; ", EvidenceDigest.differences(then, evidence)))
          + " — look at the evidence again (cutover status) and decide on the current digest";
    }
    if (bound && (d.evidence() == null || d.evidence().isBlank())) {
      return "gate '"
          + open.id()
          + "' binds decisions to its evidence: send \"evidence\": \""
          + digest
          + "\" (the digest cutover status and the run's current details show) after looking at it";
    }
    if (who != null && who.signs()) {
      if (d.signature() == null
          || d.signature().isBlank()
          || d.signedAt() == null
          || d.signedAt().isBlank()) {
        return "'"
            + who.name()
            + "' signs decisions (a public key is in the plan): decide with cutover approve|reject"
            + " --key FILE";
      }
      if (d.evidence() == null || d.evidence().isBlank()) {
        return "a signed decision must name the evidence digest it was made on";
      }
      long signedAt;
      try {
        signedAt = Instant.parse(d.signedAt().trim()).toEpochMilli();
      } catch (DateTimeParseException e) {
        return "signedAt '" + d.signedAt() + "' is not an ISO-8601 instant";
      }
      long now = state.nowMillis();
      if (now - signedAt > DecisionSignature.MAX_AGE.toMillis()
          || signedAt - now > DecisionSignature.MAX_AGE.toMillis()) {
        return "the signature of '"
            + who.name()
            + "' was made at "
            + d.signedAt()
            + ", more than "
            + DecisionSignature.MAX_AGE.toMinutes()
            + " minutes from now ("
            + state.now()
            + "): expired or from a wrong clock — sign again";
      }
      String payload =
          DecisionSignature.payload(
              state.workflowId(),
              state.runId(),
              open.id(),
              approve,
              d.evidence().trim(),
              d.signedAt().trim(),
              d.by());
      if (!DecisionSignature.verify(who.publicKey(), payload, d.signature())) {
        return "the signature does not verify against the public key of '"
            + who.name()
            + "' for this run, gate, verdict and evidence"
            + " (signed for another run or gate, the other verdict, or with another key?)";
      }
    }
    return null;
  }

  /** Records the decision; applies it when {@link #refusal} finds nothing against it. */
  boolean decide(Decision d, boolean approve) {
    String reason = refusal(d, approve);
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
    boolean signed = reason == null && who != null && who.signs();
    state.audit(
        reason == null ? (approve ? "approve" : "reject") : "refused",
        rec.by(),
        "gate "
            + rec.gate()
            + (rec.comment() == null ? "" : " — " + rec.comment())
            + (signed ? " (signature verified)" : "")
            + (reason == null && d.evidence() != null && !d.evidence().isBlank()
                ? " on evidence " + d.evidence().trim()
                : "")
            + (reason == null ? "" : " (not applied: " + reason + ")"));
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
    return open.approvers().stream()
        .filter(a -> !votes.containsKey(Tally.key(a.name())))
        .map(Approver::name)
        .toList();
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
    String why =
        abort.reason() == null || abort.reason().isBlank() ? "no reason given" : abort.reason();
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
    if (by == null) {
      return null;
    }
    String want = by.trim().toLowerCase(Locale.ROOT);
    return open.approvers().stream()
        .filter(a -> a.name().trim().toLowerCase(Locale.ROOT).equals(want))
        .findFirst()
        .orElse(null);
  }
}
