package io.cutover.workflow;

import io.cutover.activities.ConditionResult;
import io.cutover.activities.HoldCheckResult;
import io.cutover.activities.Reading;
import io.cutover.api.Evidence;
import io.cutover.api.MonitorView;
import io.cutover.plan.HoldCondition;
import io.cutover.plan.HoldStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one {@code hold} step stands: the checks so far, since when every condition has held
 * without a break, the last value of each condition, and the readings the next check continues
 * from. Renders the step's live summary, evidence and the run's current details. Workflow code.
 */
final class HoldProgress {
  private final HoldStep step;
  final long startMillis;
  final long deadlineMillis;

  /**
   * Time between checks: the plan's interval, stretched so a hold never takes more than MAX_CHECKS.
   */
  final long intervalMillis;

  int checks;
  int failedChecks;

  /**
   * Workflow time of the first check of the current unbroken run of checks at which all held; null
   * when the last did not.
   */
  Long stableSince;

  long lastMillis;
  private List<ConditionResult> last = List.of();
  private String lastError;
  private final Map<String, Reading> readings = new HashMap<>();

  HoldProgress(HoldStep step, long startMillis) {
    this.step = step;
    this.startMillis = startMillis;
    this.deadlineMillis = startMillis + step.deadline().millis();
    this.intervalMillis =
        Math.max(
            step.interval().millis(),
            (long) Math.ceil(step.deadline().millis() / (double) HoldStep.MAX_CHECKS));
  }

  Map<String, Reading> readings() {
    return Map.copyOf(readings);
  }

  /**
   * Takes one check's result; null when the check itself could not run (it then counts as not
   * holding).
   */
  void record(HoldCheckResult result, String error, long at) {
    checks++;
    lastMillis = at;
    if (result == null) {
      failedChecks++;
      lastError = error;
      stableSince = null;
      return;
    }
    lastError = null;
    last = result.conditions();
    // A source that failed this time keeps its earlier reading: its next rate starts from there.
    result
        .readings()
        .forEach(
            (name, r) -> {
              if (r.ok()) {
                readings.put(name, r);
              }
            });
    if (result.allHold()) {
      if (stableSince == null) {
        stableSince = at;
      }
    } else {
      stableSince = null;
    }
  }

  /** True when every condition has held, without a break, for stableFor. */
  boolean stable(long at) {
    return stableSince != null && at - stableSince >= step.stableMillis();
  }

  /**
   * When the next check is due: after the interval, sooner if the conditions become stable first,
   * never past the deadline.
   */
  long nextCheck(long at) {
    long next = at + intervalMillis;
    if (stableSince != null) {
      next = Math.min(next, stableSince + step.stableMillis());
    }
    return Math.max(at + 1, Math.min(next, deadlineMillis));
  }

  long stableMillis(long at) {
    return stableSince == null ? 0 : at - stableSince;
  }

  int holding() {
    return (int) last.stream().filter(ConditionResult::holds).count();
  }

  /** Each condition's last value against what the hold waits for (the step's evidence). */
  List<Evidence> evidence() {
    List<Evidence> out = new ArrayList<>();
    if (last.isEmpty()) {
      for (HoldCondition c : step.conditions()) {
        out.add(
            new Evidence(
                c.label(),
                null,
                lastError == null ? "not checked yet" : "check failed: " + lastError,
                false));
      }
    } else {
      for (ConditionResult c : last) {
        out.add(Evidence.check(c.name(), c.expected(), c.actual(), c.holds()));
      }
    }
    if (lastError != null && !last.isEmpty()) {
      out.add(new Evidence("last check", "answers", "failed: " + lastError, false));
    }
    out.add(
        Evidence.info(
            "checks",
            checks
                + (failedChecks > 0 ? " (" + failedChecks + " could not run)" : "")
                + " every "
                + MonitorView.clock(intervalMillis / 1000.0)));
    return out;
  }

  /** One line: how many conditions hold, how long they have been stable, the deadline. */
  String headline(long at) {
    StringBuilder sb = new StringBuilder("holding: ");
    if (checks == 0) {
      sb.append("first check");
    } else if (lastError != null) {
      sb.append("the last check could not run (").append(lastError).append(")");
    } else {
      sb.append(holding()).append(" of ").append(last.size()).append(" condition(s) hold");
    }
    if (step.stableMillis() > 0) {
      sb.append(" · stable ")
          .append(MonitorView.clock(stableMillis(at) / 1000.0))
          .append(" of ")
          .append(step.stableFor());
    }
    sb.append(" · deadline ")
        .append(Instant.ofEpochMilli(deadlineMillis))
        .append(" (then ")
        .append(step.onDeadline().text())
        .append(')');
    return sb.toString();
  }

  /** The run's current details while the hold waits (Temporal UI). */
  String details(long at, String workflowId) {
    StringBuilder sb =
        new StringBuilder("**Holding** `")
            .append(step.id())
            .append("` until ")
            .append(
                step.conditions().size() == 1
                    ? "its condition holds"
                    : "all " + step.conditions().size() + " conditions hold")
            .append(step.stableMillis() > 0 ? " for " + step.stableFor() : "")
            .append(": ")
            .append(headline(at))
            .append('\n');
    for (Evidence e : evidence()) {
      if (e.ok() != null) {
        sb.append("\n- ")
            .append(e.ok() ? "✓ " : "✗ ")
            .append(e.name())
            .append(": ")
            .append(e.actual())
            .append(e.expected() == null ? "" : " (waits for " + e.expected() + ")");
      }
    }
    sb.append("\n\nRelease early with *Send Signal* `release`: `{\"step\": \"")
        .append(step.id())
        .append("\", \"by\": \"<your name>\", \"reason\": \"<why>\"}` or `cutover release ")
        .append(workflowId)
        .append(" --step ")
        .append(step.id())
        .append(" --by NAME --reason TEXT`");
    return sb.toString();
  }

  /** What the last check found, for a summary: {@code 1 of 2 conditions held}. */
  String lastFinding() {
    if (checks == 0) {
      return "no check ran";
    }
    return lastError != null && last.isEmpty()
        ? "no check could run (" + lastError + ")"
        : holding() + " of " + last.size() + " condition(s) held at the last check";
  }
}
