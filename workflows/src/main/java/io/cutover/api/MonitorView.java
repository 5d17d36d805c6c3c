package io.cutover.api;

import java.util.List;
import java.util.Locale;

/**
 * A monitor window as it stands: what the status query, the CLI and the Temporal UI show.
 *
 * @param workflowId the window's own (child) workflow, whose {@code status} query is always live
 * @param state {@code RUNNING}, {@code PASSED}, {@code ROLLBACK} or {@code STOPPED}
 * @param samples samples taken so far (one at the start, then one per interval)
 * @param missed samples that could not be taken (all sources failed, or the worker was away)
 * @param runs how many times the window's workflow continued as new to keep its history short
 * @param checkpoints what each checkpoint found, in order
 */
public record MonitorView(
    String step,
    String workflowId,
    String state,
    String startedAt,
    double elapsedSeconds,
    double windowSeconds,
    int samples,
    int missed,
    String lastSampleAt,
    List<MetricView> metrics,
    List<TriggerView> triggers,
    List<String> checkpoints,
    int runs) {
  public MonitorView {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
  }

  public MonitorView withCheckpoints(List<String> lines) {
    return new MonitorView(
        step,
        workflowId,
        state,
        startedAt,
        elapsedSeconds,
        windowSeconds,
        samples,
        missed,
        lastSampleAt,
        metrics,
        triggers,
        lines,
        runs);
  }

  /** One line: progress, latest values and how close each trigger is. */
  public String headline() {
    StringBuilder sb = new StringBuilder();
    sb.append(step)
        .append(": ")
        .append(clock(elapsedSeconds))
        .append(" of ")
        .append(clock(windowSeconds));
    if (windowSeconds > 0) {
      sb.append(" (")
          .append(Math.min(100, Math.round(100 * elapsedSeconds / windowSeconds)))
          .append("%)");
    }
    sb.append(" · ").append(samples).append(" samples");
    if (missed > 0) {
      sb.append(", ").append(missed).append(" missed");
    }
    for (TriggerView t : triggers) {
      sb.append(" · ")
          .append(t.name())
          .append(' ')
          .append(t.value())
          .append(" vs ")
          .append(t.limit());
      if (!"ok".equals(t.state())) {
        sb.append(" [").append(t.state());
        if ("breaching".equals(t.state()) && t.forSeconds() > 0) {
          sb.append(' ').append(clock(t.heldSeconds())).append('/').append(clock(t.forSeconds()));
        }
        sb.append(']');
      }
    }
    return sb.toString();
  }

  /** A duration as {@code 1h02m}, {@code 4m10s} or {@code 12s}. */
  public static String clock(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (seconds > 0 && seconds < 1) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    return s + "s";
  }
}
