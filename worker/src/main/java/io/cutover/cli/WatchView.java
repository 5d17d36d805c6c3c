package io.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.OpenGate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One frame of {@code cutover watch}: the run, every step with its state, the running step's
 * progress bar and ETA (from its activity's heartbeat details), and the open gate's prompt.
 */
final class WatchView {
  private static final int BAR = 24;

  private WatchView() {}

  static String render(CutoverReport r, List<PendingWork> pending, long nowMillis) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s — %s%n", r.workflowId(), r.status()));
    sb.append(
        String.format(
            Locale.ROOT,
            "'%s' · anchor %s · target %s · started %s (%s ago)%n",
            r.plan(),
            r.anchor(),
            r.target(),
            r.startedAt(),
            r.startedAt() == null ? "?" : ago(r.startedAt(), nowMillis)));
    sb.append('\n');
    for (StepReport s : r.steps()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s %-24s %-13s %-10s %s%n",
              ReportPrinter.mark(s.status()),
              s.id(),
              s.type(),
              s.status() == StepStatus.RUNNING
                  ? "running " + ago(s.startedAt(), nowMillis)
                  : s.status().name().toLowerCase(Locale.ROOT),
              s.host() == null ? oneLine(s) : "[host " + s.host() + "] " + oneLine(s)));
      if (s.status() == StepStatus.RUNNING && s.id().equals(r.currentStep())) {
        for (PendingWork p : pending) {
          sb.append(activityLine(p, nowMillis));
        }
      }
    }
    if (r.rollback() != null && r.rollback().ran()) {
      sb.append("\nROLLING BACK: ").append(r.rollback().reason()).append('\n');
      r.rollback()
          .compensations()
          .forEach(
              c ->
                  sb.append(
                      String.format("  %s %s%n", ReportPrinter.mark(c.status()), c.action())));
      r.rollback()
          .steps()
          .forEach(
              s ->
                  sb.append(
                      String.format(
                          "  %s rollback step %s%n", ReportPrinter.mark(s.status()), s.id())));
      if (r.status() == RunStatus.ROLLING_BACK) {
        pending.forEach(p -> sb.append(activityLine(p, nowMillis)));
      }
    }
    OpenGate g = r.openGate();
    if (g != null) {
      sb.append(
          String.format("%n⏸ GATE '%s' is waiting for a decision%n  %s%n", g.gate(), g.prompt()));
      sb.append("  approvers: ")
          .append(g.approvers().isEmpty() ? "anyone" : String.join(", ", g.approvers()))
          .append('\n');
      sb.append("  deadline:  ")
          .append(g.deadline())
          .append(" (in ")
          .append(until(g.deadline(), nowMillis))
          .append("; no decision by then means no-go)\n");
      for (Evidence e : g.evidence()) {
        sb.append("    ").append(e).append('\n');
      }
      if (g.digest() != null) {
        sb.append("  evidence digest: ").append(g.digest()).append('\n');
      }
      sb.append(
          String.format(
              "  decide:    cutover approve %s --gate %s --by NAME   |   cutover reject …%n",
              r.workflowId(), g.gate()));
    }
    List<String> holds = HoldView.lines(r);
    if (!holds.isEmpty()) {
      sb.append('\n');
      holds.forEach(l -> sb.append(l).append('\n'));
    }
    if (r.failure() != null) {
      sb.append("\nfailure: ").append(r.failure()).append('\n');
    }
    return sb.toString();
  }

  /**
   * The monitoring windows in a status document ({@code monitors}, when the run has any): how far
   * each window is, and each trigger's value against its limit — the margin before a rollback. Read
   * from JSON so the view shows whatever the workflow reports.
   */
  static String monitors(JsonNode status) {
    JsonNode monitors = status == null ? null : status.path("monitors");
    if (monitors == null || !monitors.isArray() || monitors.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\nMonitoring:\n");
    for (JsonNode m : monitors) {
      double elapsed = m.path("elapsedSeconds").asDouble();
      double window = m.path("windowSeconds").asDouble();
      sb.append(
          String.format(
              Locale.ROOT,
              "  ◷ %s: %s of %s%s · %d samples%s%s%n",
              m.path("step").asText("monitor"),
              human(Duration.ofMillis((long) (elapsed * 1000))),
              human(Duration.ofMillis((long) (window * 1000))),
              window > 0
                  ? String.format(
                      Locale.ROOT, " (%d%%)", Math.min(100, Math.round(100 * elapsed / window)))
                  : "",
              m.path("samples").asInt(),
              m.path("missed").asInt() > 0 ? ", " + m.path("missed").asInt() + " missed" : "",
              m.hasNonNull("state") ? " · " + m.path("state").asText() : ""));
      for (JsonNode t : m.path("triggers")) {
        String state = t.path("state").asText("ok");
        sb.append(
            String.format(
                Locale.ROOT,
                "      %s %-28s %s vs limit %s",
                "ok".equals(state) ? "·" : "!",
                t.path("name").asText(),
                t.path("value").asText("?"),
                t.path("limit").asText("?")));
        if (t.hasNonNull("closeness")) {
          sb.append(
              String.format(
                  Locale.ROOT, " (%.0f%% of the way)", 100 * t.path("closeness").asDouble()));
        }
        if (!"ok".equals(state)) {
          sb.append(" [").append(state);
          if (t.path("forSeconds").asDouble() > 0) {
            sb.append(' ')
                .append(human(Duration.ofMillis((long) (t.path("heldSeconds").asDouble() * 1000))))
                .append('/')
                .append(human(Duration.ofMillis((long) (t.path("forSeconds").asDouble() * 1000))));
          }
          sb.append(']');
        }
        if (t.hasNonNull("action")) {
          sb.append(" → ").append(t.path("action").asText());
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String oneLine(StepReport s) {
    String t = s.error() != null ? s.error() : s.summary() != null ? s.summary() : s.title();
    return t.length() > 100 ? t.substring(0, 99) + "…" : t;
  }

  static String activityLine(PendingWork p, long nowMillis) {
    StringBuilder sb = new StringBuilder("      ");
    if (!p.started()) {
      sb.append("⧗ ")
          .append(p.activityType())
          .append(": scheduled, no worker has picked it up yet");
    } else {
      sb.append("↻ ")
          .append(p.activityType())
          .append(p.worker() == null ? "" : " on " + p.worker());
    }
    if (p.attempt() > 1) {
      sb.append(" (attempt ").append(p.attempt()).append(')');
    }
    sb.append('\n');
    String progress = progress(p.heartbeat(), nowMillis);
    if (progress != null) {
      sb.append("        ").append(progress).append('\n');
    }
    if (p.lastFailure() != null) {
      sb.append("        last error: ").append(p.lastFailure()).append('\n');
    }
    return sb.toString();
  }

  /** A bar with rate and ETA for {@code Progress} heartbeats; key=value for any other object. */
  static String progress(JsonNode h, long nowMillis) {
    if (h == null || !h.isObject()) {
      return null;
    }
    if (h.has("done") && h.has("unit")) {
      long done = h.get("done").asLong();
      Long total = h.hasNonNull("total") ? h.get("total").asLong() : null;
      double secs =
          h.has("startedAtMillis")
              ? Math.max(0.001, (nowMillis - h.get("startedAtMillis").asLong()) / 1000.0)
              : 0;
      double rate = secs > 0 ? done / secs : 0;
      String unit = h.get("unit").asText();
      String note = h.hasNonNull("note") ? "  " + h.get("note").asText() : "";
      if (total == null || total <= 0) {
        return String.format(Locale.ROOT, "%d %s · %.0f/s%s", done, unit, rate, note);
      }
      double frac = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(frac * BAR);
      String eta =
          rate > 0 && done < total
              ? "ETA " + human(Duration.ofMillis((long) ((total - done) / rate * 1000)))
              : done >= total ? "done" : "ETA ?";
      return String.format(
          Locale.ROOT,
          "[%s%s] %3.0f%%  %d/%d %s · %.0f/s · %s%s",
          "█".repeat(filled),
          "░".repeat(BAR - filled),
          frac * 100,
          done,
          total,
          unit,
          rate,
          eta,
          note);
    }
    StringBuilder sb = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = h.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      sb.append(sb.length() == 0 ? "" : " · ")
          .append(e.getKey())
          .append(' ')
          .append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static String ago(String iso, long nowMillis) {
    return iso == null
        ? ""
        : human(Duration.ofMillis(Math.max(0, nowMillis - Instant.parse(iso).toEpochMilli())));
  }

  private static String until(String iso, long nowMillis) {
    return human(Duration.ofMillis(Math.max(0, Instant.parse(iso).toEpochMilli() - nowMillis)));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
