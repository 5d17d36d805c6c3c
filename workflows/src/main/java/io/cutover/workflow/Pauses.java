package io.cutover.workflow;

import io.cutover.api.PauseRequest;
import io.cutover.api.PauseView;
import io.cutover.api.RunStatus;
import io.temporal.workflow.Workflow;

/**
 * Pause and resume, from the {@code pause} and {@code resume} signals. A paused run starts no new
 * step and no retry; the step that runs goes on, an open gate or failure decision still takes
 * decisions, and an abort or cancellation still rolls back. A rollback is never paused.
 */
final class Pauses {
  /** {@link Workflow#getVersion} change id of holding the next step while paused. */
  static final String CHANGE_ID = "pause-resume";

  private final RunState state;

  Pauses(RunState state) {
    this.state = state;
  }

  /** True while paused; the pause lives in {@link RunState#paused}, which a rollback clears. */
  boolean paused() {
    return state.paused != null;
  }

  /**
   * Pauses the run, or records why not (already paused, rolling back, ended) in the audit trail.
   */
  void pause(PauseRequest r) {
    String by = r == null ? null : r.by();
    String comment = r == null ? null : r.comment();
    PauseView paused = state.paused;
    String refusal =
        paused != null
            ? "already paused by " + paused.by() + " since " + paused.since()
            : state.status == RunStatus.ROLLING_BACK || state.status.isFinal()
                ? "the run is " + state.status + ": nothing left to pause"
                : null;
    if (refusal != null) {
      state.audit(
          "refused",
          by,
          "pause" + (comment == null ? "" : " — " + comment) + " (not applied: " + refusal + ")");
      return;
    }
    state.paused = new PauseView(by == null || by.isBlank() ? "someone" : by, comment, state.now());
    state.audit("pause", by, comment == null || comment.isBlank() ? "no reason given" : comment);
    state.details(null);
  }

  /** Resumes a paused run, or records why not (it is not paused) in the audit trail. */
  void resume(PauseRequest r) {
    String by = r == null ? null : r.by();
    String comment = r == null ? null : r.comment();
    PauseView paused = state.paused;
    if (paused == null) {
      state.audit(
          "refused",
          by,
          "resume"
              + (comment == null ? "" : " — " + comment)
              + " (not applied: the run is not paused)");
      return;
    }
    state.audit(
        "resume",
        by,
        "paused by "
            + paused.by()
            + " since "
            + paused.since()
            + (comment == null ? "" : " — " + comment));
    state.paused = null;
    state.details(null);
  }

  /**
   * Waits while the run is paused, until it is resumed or interrupted (abort, cancellation); true
   * when it held the run. Asks {@link Workflow#getVersion} only when paused: runs recorded before
   * pausing existed never wait.
   */
  boolean await(StepEnv env) {
    if (state.paused == null
        || env.interrupted()
        || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) < 1) {
      return false;
    }
    RunStatus before = state.status;
    state.status = RunStatus.PAUSED;
    state.details(null);
    try {
      Workflow.await(() -> state.paused == null || env.interrupted());
    } finally {
      state.status = before;
      state.details(null);
    }
    return true;
  }
}
