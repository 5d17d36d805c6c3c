package io.cutover.activities.plan;

import io.cutover.plan.ChangeWindow;
import io.cutover.plan.Checkpoint;
import io.cutover.plan.GateStep;
import io.cutover.plan.HoldStep;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.OnFailure;
import io.cutover.plan.Plan;
import io.cutover.plan.Schedule;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Plan checks of what controls a run besides its steps: what a failed step does ({@code onFailure},
 * {@code required}, {@code decideWithin}) and when the run may start changing things ({@code
 * schedule}). Called by {@link PlanValidator}.
 */
final class RunControlChecks {
  private static final long MAX_DECIDE_WITHIN = Span.parse("30d").millis();

  private final Plan plan;
  private final BiConsumer<String, String> add;

  private RunControlChecks(Plan plan, BiConsumer<String, String> add) {
    this.plan = plan;
    this.add = add;
  }

  static void plan(Plan plan, BiConsumer<String, String> add) {
    RunControlChecks c = new RunControlChecks(plan, add);
    for (int i = 0; i < plan.steps().size(); i++) {
      Step s = plan.steps().get(i);
      c.forward("/steps/" + i, s);
      if (s instanceof MonitorStep m) {
        for (int j = 0; j < m.checkpoints().size(); j++) {
          Checkpoint cp = m.checkpoints().get(j);
          for (int k = 0; k < cp.steps().size(); k++) {
            c.notHere(
                "/steps/" + i + "/checkpoints/" + j + "/steps/" + k,
                cp.steps().get(k),
                "a checkpoint step: its checkpoint's onFailure says what a failure does");
          }
        }
      }
    }
    for (int i = 0; i < plan.rollback().size(); i++) {
      c.notHere(
          "/rollback/" + i,
          plan.rollback().get(i),
          "a rollback step: a rollback goes on past failures and reports them");
    }
    if (plan.schedule() != null) {
      c.schedule(plan.schedule());
    }
  }

  private void forward(String ptr, Step s) {
    if (s.onFailure() == OnFailure.DECIDE && s instanceof GateStep) {
      add.accept(
          ptr + "/onFailure",
          "a gate's no-go (or its timeout) is a decision already and always rolls back: remove"
              + " onFailure");
    } else if (s.onFailure() == OnFailure.DECIDE && s instanceof MonitorStep) {
      add.accept(
          ptr + "/onFailure",
          "a monitor window decides through its triggers' action and its checkpoints' onFailure:"
              + " remove onFailure");
    } else if (s.onFailure() == OnFailure.DECIDE && s instanceof HoldStep) {
      add.accept(
          ptr + "/onFailure",
          "a hold decides at its deadline (onDeadline: decide): remove onFailure");
    }
    if (s instanceof MonitorStep || s instanceof HoldStep || s.decideWithin() == null) {
      return; // a monitor's decideWithin is its triggers' deadline, a hold's its deadline
      // decision's, checked with them
    }
    if (s.decideWithin().millis() <= 0 || s.decideWithin().millis() > MAX_DECIDE_WITHIN) {
      add.accept(
          ptr + "/decideWithin",
          "'" + s.decideWithin() + "' is out of range: give a duration above 0 and at most 30d");
    } else if (plan.onFailureOf(s) != OnFailure.DECIDE) {
      add.accept(
          ptr + "/decideWithin",
          "decideWithin is how long people have to decide after the step failed with onFailure:"
              + " decide; this step rolls back at once: add onFailure: decide (here or as the"
              + " plan's default) or remove decideWithin");
    }
  }

  private void notHere(String ptr, Step s, String what) {
    if (s.onFailure() != null) {
      add.accept(ptr + "/onFailure", "onFailure does not apply to " + what + ": remove it");
    }
    if (s.required() != null) {
      add.accept(ptr + "/required", "required does not apply to " + what + ": remove it");
    }
    if (s.decideWithin() != null && !(s instanceof MonitorStep) && !(s instanceof HoldStep)) {
      add.accept(ptr + "/decideWithin", "decideWithin does not apply to " + what + ": remove it");
    }
  }

  private void schedule(Schedule s) {
    if (s.notBefore() == null && s.windows().isEmpty()) {
      add.accept(
          "/schedule",
          "a schedule needs notBefore, windows or both: e.g. windows: [{days: [SAT], from:"
              + " \"22:00\", to: \"02:00\", timezone: Europe/Berlin}]");
    }
    check("/schedule/notBefore", s::earliest);
    Duration longest = null;
    ChangeWindow widest = null;
    for (int i = 0; i < s.windows().size(); i++) {
      ChangeWindow w = s.windows().get(i);
      String ptr = "/schedule/windows/" + i;
      List<String> days = w.days();
      for (int j = 0; j < days.size(); j++) {
        ChangeWindow one =
            new ChangeWindow(
                Collections.singletonList(days.get(j)), w.from(), w.to(), w.timezone());
        check(ptr + "/days/" + j, one::openDays);
      }
      boolean times = check(ptr + "/from", w::opens) & check(ptr + "/to", w::closes);
      check(ptr + "/timezone", w::zone);
      if (!times) {
        continue;
      }
      if (w.opens().equals(w.closes())) {
        add.accept(
            ptr + "/to",
            "from and to are both "
                + w.from()
                + ": a window opens at from and closes at to"
                + " (all day: from \"00:00\" to \"23:59\")");
      } else if (longest == null || w.length().compareTo(longest) > 0) {
        longest = w.length();
        widest = w;
      }
    }
    Span total = plan.budget() == null ? null : plan.budget().total();
    if (longest != null && total != null && total.millis() > longest.toMillis()) {
      add.accept(
          "/budget/total",
          "budget.total ("
              + total
              + ") is longer than the longest change window ("
              + widest.describe()
              + "): the run would never start changing things; shorten the budget or widen a"
              + " window");
    }
  }

  /** Runs a parse, reporting its message at the pointer; true when it passed. */
  private boolean check(String ptr, Supplier<?> parse) {
    try {
      Object unused = parse.get(); // only whether it throws matters here
      return true;
    } catch (IllegalArgumentException e) {
      add.accept(ptr, e.getMessage());
      return false;
    }
  }
}
