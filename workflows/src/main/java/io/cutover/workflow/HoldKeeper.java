package io.cutover.workflow;

import io.cutover.api.ReleaseRequest;

/**
 * Receives {@code release} signals and applies one only to the {@code hold} step that is waiting at
 * that moment, only with a name and a reason. Every release, applied or refused, goes to the run's
 * audit trail (kind {@code release} or {@code refused}).
 */
final class HoldKeeper {
  private String waiting;
  private String deciding;
  private ReleaseRequest released;

  /** A hold starts waiting: releases now apply to it. */
  void open(String stepId) {
    waiting = stepId;
    deciding = null;
    released = null;
  }

  /** The hold reached its deadline and asks people at this gate: releases are refused meanwhile. */
  void deciding(String gateId) {
    deciding = gateId;
  }

  void close() {
    waiting = null;
    deciding = null;
  }

  /** The release that ended the current hold, or null. */
  ReleaseRequest released() {
    return released;
  }

  /** Why a release would be refused now, or null if it would be applied. */
  String refusal(ReleaseRequest r) {
    if (r == null || r.by() == null || r.by().isBlank()) {
      return "no name given: send {\"step\": \"<hold id>\", \"by\": \"<your name>\", \"reason\":"
          + " \"<why>\"}";
    }
    if (r.reason() == null || r.reason().isBlank()) {
      return "a release needs a reason: say why the hold may end before its conditions held";
    }
    if (waiting == null) {
      return r.step() == null
          ? "no hold step is waiting"
          : "hold '" + r.step() + "' is not waiting (no hold step is)";
    }
    if (r.step() != null && !r.step().isBlank() && !r.step().equals(waiting)) {
      return "hold '" + r.step() + "' is not waiting (the waiting hold is '" + waiting + "')";
    }
    if (deciding != null) {
      return "hold '"
          + waiting
          + "' reached its deadline and waits for a decision: approve or reject gate '"
          + deciding
          + "'";
    }
    if (released != null) {
      return "hold '" + waiting + "' was already released by " + released.by();
    }
    return null;
  }

  /** Applies the release when {@link #refusal} finds nothing against it; records it either way. */
  boolean release(ReleaseRequest r, RunState state) {
    String why = refusal(r);
    String by = r == null ? null : r.by();
    String step = r == null || r.step() == null || r.step().isBlank() ? waiting : r.step();
    String reason =
        r == null || r.reason() == null || r.reason().isBlank() ? "no reason given" : r.reason();
    if (why != null) {
      state.audit(
          "refused",
          by,
          "release of hold "
              + (step == null ? "(none)" : step)
              + " — "
              + reason
              + " (not applied: "
              + why
              + ")");
      return false;
    }
    released = r;
    state.audit("release", by, "hold " + waiting + " — " + reason);
    return true;
  }
}
