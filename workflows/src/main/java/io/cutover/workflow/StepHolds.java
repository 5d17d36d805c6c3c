package io.cutover.workflow;

import io.cutover.plan.Step;

/**
 * What holds a step before it starts: a pause ({@link Pauses}) and, for the first step that changes
 * anything, the schedule's change window ({@link ChangeWindowWait}). A pause that held the run
 * after its window let it start makes it look at the window again: the window may have closed
 * meanwhile.
 */
final class StepHolds {
  private final Pauses pauses;
  private final ChangeWindowWait window = new ChangeWindowWait();

  StepHolds(Pauses pauses) {
    this.pauses = pauses;
  }

  /**
   * Null when the step may start, else why the run must roll back (an abort, a cancellation, no
   * window).
   */
  String readyFor(StepEnv env, Step step) {
    while (true) {
      pauses.await(env);
      if (env.interrupted()) {
        return env.interruptionReason();
      }
      boolean before = window.passed();
      String blocked = window.await(env, step);
      if (env.interrupted()) {
        return env.interruptionReason();
      }
      if (blocked != null) {
        return blocked;
      }
      boolean justPassed = !before && window.passed();
      if (!pauses.await(env)) {
        return null;
      }
      if (env.interrupted()) {
        return env.interruptionReason();
      }
      if (justPassed) {
        window.reopen();
      }
    }
  }
}
