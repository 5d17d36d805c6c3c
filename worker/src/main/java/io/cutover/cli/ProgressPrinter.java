package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.MonitorView;
import io.cutover.api.OpenGate;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints each step's transitions as successive status snapshots reveal them. */
final class ProgressPrinter {
  private final PrintWriter out;
  private final Map<String, StepStatus> seen = new HashMap<>();
  private final Map<String, String> waiting = new HashMap<>();
  private String lastGate;
  private List<String> lastHolds = List.of();
  private boolean rollbackAnnounced;
  private final Map<String, Long> monitorShown = new HashMap<>();
  private final Map<String, Integer> monitorNotes = new HashMap<>();

  ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  /** Prints what changed since the last snapshot; returns the gate that newly opened, if any. */
  OpenGate update(CutoverReport r) {
    for (StepReport s : r.steps()) {
      transition(s);
      if (s.status() == StepStatus.RUNNING
          && s.summary() != null
          && !s.summary().equals(waiting.put(s.id(), s.summary()))) {
        out.printf("  ⧗ %s%n", s.summary()); // e.g. waiting for a worker on the step's host
      }
    }
    return rollbackAndGate(r);
  }

  private void transition(StepReport s) {
    StepStatus before = seen.put(s.id(), s.status());
    if (before == s.status() || s.status() == StepStatus.PENDING) {
      return;
    }
    if (before == null || before == StepStatus.PENDING) {
      if (s.status() != StepStatus.RUNNING && s.status() != StepStatus.SKIPPED) {
        out.printf("▶ %-26s %s%n", s.id(), s.title());
      }
    }
    switch (s.status()) {
      case RUNNING -> out.printf("▶ %-26s %s%n", s.id(), s.title());
      case SUCCEEDED -> out.printf("  ✓ %s%n", s.summary());
      case FAILED -> out.printf("  ✗ %s%n", s.error());
      case COMPENSATED -> out.printf("  ↺ %s rolled back%n", s.id());
      case COMPENSATION_FAILED -> out.printf("  ‼ %s could not be rolled back%n", s.id());
      case SKIPPED -> {
        if (s.summary() != null) {
          out.printf("  – %s%n", s.summary()); // skipped after it failed, with the reason
        }
      }
      default -> {}
    }
  }

  private OpenGate rollbackAndGate(CutoverReport r) {
    monitors(r);
    if (r.rollback() != null && r.rollback().ran() && !rollbackAnnounced) {
      rollbackAnnounced = true;
      out.println("ROLLING BACK: " + r.rollback().reason());
    }
    OpenGate opened = null;
    OpenGate g = r.openGate();
    if (g != null && !g.gate().equals(lastGate)) {
      lastGate = g.gate();
      opened = g;
      out.printf("%n⏸ Gate '%s': %s%n", g.gate(), g.prompt());
      if (!g.approvers().isEmpty()) {
        out.println(
            "  approvers: "
                + String.join(", ", g.approvers())
                + (g.quorum() == null ? "" : " — needs " + g.quorum()));
      }
      out.println("  deadline: " + g.deadline() + " (no decision by then means no-go)");
      if (!g.evidence().isEmpty()) {
        out.println("  evidence:");
        for (Evidence e : g.evidence()) {
          out.println("    " + e);
        }
      }
      if (g.digest() != null) {
        out.println("  evidence digest: " + g.digest());
      }
    } else if (g == null) {
      lastGate = null;
    }
    List<String> holds = HoldView.lines(r);
    if (!holds.equals(lastHolds)) {
      lastHolds = holds;
      holds.forEach(out::println);
    }
    out.flush();
    return opened;
  }

  /** A monitor window's progress line every few seconds, and each checkpoint or decision once. */
  private void monitors(CutoverReport r) {
    long now = System.nanoTime();
    for (MonitorView v : r.monitors()) {
      int seen = monitorNotes.getOrDefault(v.step(), 0);
      for (int i = seen; i < v.checkpoints().size(); i++) {
        out.println("  ◆ " + v.checkpoints().get(i));
      }
      monitorNotes.put(v.step(), v.checkpoints().size());
      Long last = monitorShown.get(v.step());
      boolean running = "RUNNING".equals(v.state()) && v.samples() > 0;
      if (running && (last == null || now - last > 10_000_000_000L)) {
        monitorShown.put(v.step(), now);
        out.println("  ◷ " + v.headline());
      }
    }
  }
}
