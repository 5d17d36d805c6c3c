package io.cutover.workflow;

import io.cutover.api.RunStatus;
import io.cutover.api.WindowWait;
import io.cutover.plan.Schedule;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Holds the run, before its first step that changes anything ({@link Changes}), until its schedule
 * lets it start: {@code notBefore} has passed and a change window is open with at least {@code
 * budget.total} left. The wait is a durable timer, shown as status {@code WAITING_FOR_WINDOW} with
 * the opening time; an abort or cancellation ends it at once, with nothing changed. Once past,
 * later steps do not wait again. A dry run does not wait.
 */
final class ChangeWindowWait {
  /** {@link Workflow#getVersion} change id of waiting for a change window. */
  static final String CHANGE_ID = "change-windows";

  /** How late a timer may fire and still start in the window it waited for. */
  static final Duration GRACE = Duration.ofMinutes(1);

  private boolean passed;

  /** True once the run may change things (or the plan has no schedule to wait for). */
  boolean passed() {
    return passed;
  }

  /** Makes the next step that changes anything wait again: a pause outlasted the window's start. */
  void reopen() {
    passed = false;
  }

  /**
   * Waits, if this step is the first one that changes something and the schedule says not yet.
   * Returns null to go on (check {@link StepEnv#interrupted()} after), or why the run cannot start
   * changing anything at all.
   */
  String await(StepEnv env, Step step) {
    Schedule schedule = env.plan.schedule();
    if (passed || schedule == null || !Changes.changesSystem(step)) {
      return null;
    }
    RunState state = env.state;
    if (env.dryRun != null || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) < 1) {
      passed = true;
      return null;
    }
    Span total = env.plan.budget() == null ? null : env.plan.budget().total();
    Duration needed = total == null ? Duration.ZERO : total.toDuration();
    long since = state.nowMillis();
    boolean waited = false;
    while (true) {
      Instant now = Instant.ofEpochMilli(state.nowMillis());
      WindowOpening next = ChangeWindows.next(schedule, now, needed);
      if (next == null) {
        return "no change window of the schedule ("
            + schedule.describe()
            + ") is as long as budget.total ("
            + total
            + "): the run cannot start changing anything";
      }
      if (!next.start().isAfter(now)) {
        passed(env, schedule, next, since, waited, total);
        return null;
      }
      String reason = reason(schedule, now, total);
      state.windowWait =
          new WindowWait(
              schedule.describe(),
              reason,
              Instant.ofEpochMilli(since).toString(),
              next.start().toString(),
              next.closes() == null ? null : next.closes().toString());
      state.status = RunStatus.WAITING_FOR_WINDOW;
      state.details(null);
      try {
        Workflow.await(Duration.between(now, next.start()), env::interrupted);
      } finally {
        state.windowWait = null;
        state.status = RunStatus.RUNNING;
      }
      state.details(null);
      waited = true;
      if (env.interrupted()) {
        return null;
      }
      Instant woke = Instant.ofEpochMilli(state.nowMillis());
      if (!woke.isBefore(next.start())
          && (next.closes() == null
              || Duration.between(woke, next.closes()).compareTo(needed.minus(GRACE)) >= 0)) {
        passed(env, schedule, next, since, true, total);
        return null;
      }
      // The timer fired late (a worker outage): look again.
    }
  }

  private void passed(
      StepEnv env, Schedule schedule, WindowOpening at, long since, boolean waited, Span total) {
    passed = true;
    RunState state = env.state;
    long now = state.nowMillis();
    String window =
        at.window() == null
            ? ""
            : "change window "
                + at.window().describe()
                + " open until "
                + at.closes()
                + (total == null ? "" : " (budget.total " + total + ")");
    String detail =
        waited
            ? "waited "
                + ChangeWindows.human(Duration.ofMillis(now - since))
                + " for the schedule ("
                + schedule.describe()
                + "); "
                + (window.isEmpty() ? "starting to change things" : window)
            : window.isEmpty()
                ? "after " + schedule.notBefore() + ": starting to change things"
                : window;
    state.audit("window", "cutover", detail);
    if (waited) {
      state.windowWaited(now);
    }
  }

  /** Why the run cannot start now: before notBefore, no window open, or too little of it left. */
  private static String reason(Schedule schedule, Instant now, Span total) {
    if (schedule.earliest() != null && now.isBefore(schedule.earliest())) {
      return "not before " + schedule.notBefore();
    }
    WindowOpening open = ChangeWindows.openAt(schedule, now);
    if (open == null) {
      return "no change window is open";
    }
    return "the open window "
        + open.window().describe()
        + " closes at "
        + open.closes()
        + ": "
        + ChangeWindows.human(Duration.between(now, open.closes()))
        + " left, less than budget.total "
        + total;
  }
}
