package io.cutover.cli;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.BudgetReport;
import io.cutover.api.CompensationReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.MonitorView;
import io.cutover.api.NotificationRecord;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.api.TriggerView;
import java.io.PrintWriter;
import java.util.Locale;

/** Renders a report or a status snapshot for a terminal. */
final class ReportPrinter {
  private ReportPrinter() {}

  static String mark(StepStatus s) {
    return switch (s) {
      case SUCCEEDED -> "✓";
      case FAILED -> "✗";
      case RUNNING -> "▶";
      case COMPENSATED -> "↺";
      case COMPENSATION_FAILED -> "‼";
      case SKIPPED -> "–";
      default -> "·";
    };
  }

  static void print(CutoverReport r, PrintWriter out, boolean evidence) {
    out.printf(
        "%nCutover '%s' (anchor %s, target %s) — %s%n",
        r.plan(), r.anchor(), r.target(), r.status());
    out.printf("workflow %s run %s%n", r.workflowId(), r.runId());
    if (r.dryRun()) {
      out.println(
          r.status() == RunStatus.SUCCEEDED
              ? "DRY RUN: every check passed; nothing was changed (data steps ran on scratch"
                  + " copies, since deleted)"
              : "DRY RUN: the plan would stop here; nothing was changed, so nothing was rolled"
                  + " back");
    }
    if (!r.preflight().isEmpty()) {
      out.printf(
          "PREFLIGHT FAILED: %d problem(s) found before the first step. No step ran, nothing was"
              + " changed, nothing to roll back. Fix these and start again:%n",
          r.preflight().size());
      r.preflight().forEach(p -> out.printf("  ✗ %s%n", p));
    }
    for (StepReport s : r.steps()) {
      out.printf(
          "  %s %-26s %-11s %-20s %s%n",
          mark(s.status()),
          s.id(),
          s.type(),
          s.status(),
          s.error() != null ? s.error() : s.summary() == null ? "" : s.summary());
      if (evidence) {
        for (Evidence e : s.evidence()) {
          out.printf("        %s%n", e);
        }
      }
    }
    if (!r.approvals().isEmpty()) {
      out.println("Decisions:");
      for (ApprovalRecord a : r.approvals()) {
        out.printf(
            "  %s %s by %s%s at %s%s%s%n",
            a.gate(),
            a.decision(),
            a.by(),
            a.role() == null ? "" : " (" + a.role() + ")",
            a.at(),
            a.comment() == null ? "" : " — " + a.comment(),
            a.accepted() ? "" : " [not applied: " + a.reason() + "]");
      }
    }
    for (MonitorView v : r.monitors()) {
      out.println("Monitor " + v.headline() + " — " + v.state());
      for (TriggerView t : v.triggers()) {
        out.printf(
            "  %-22s %-9s %s: %s vs %s%s%n",
            t.name(),
            t.state(),
            t.when(),
            t.value(),
            t.limit(),
            t.continued() > 0 ? " (continued " + t.continued() + "x)" : "");
      }
      v.checkpoints().forEach(c -> out.println("  ◆ " + c));
    }
    long undelivered = r.notifications().stream().filter(n -> !n.delivered()).count();
    if (!r.notifications().isEmpty()) {
      out.printf(
          "Notifications: %d sent, %d not delivered%n", r.notifications().size(), undelivered);
      for (NotificationRecord n : r.notifications()) {
        if (!n.delivered()) {
          out.printf("  ✗ %s to %s at %s: %s (ignored)%n", n.event(), n.hook(), n.at(), n.detail());
        }
      }
    }
    if (r.rollback() != null && r.rollback().ran() && !r.dryRun()) {
      out.println("Rollback: " + r.rollback().reason());
      if (r.rollback().nothingChanged()) {
        out.println(
            "  Nothing had been changed when it stopped: nothing to undo; rollback steps that would"
                + " change things were not run. The old system is as it was before this run.");
      }
      for (CompensationReport c : r.rollback().compensations()) {
        out.printf(
            "  %s %s (for %s): %s%n",
            mark(c.status()), c.action(), c.forStep(), c.error() != null ? c.error() : c.summary());
      }
      for (StepReport s : r.rollback().steps()) {
        out.printf(
            "  %s rollback step %s: %s%n",
            mark(s.status()), s.id(), s.error() != null ? s.error() : s.summary());
      }
      for (String w : r.rollback().warnings()) {
        out.println("  WARNING (not caused by this run): " + w);
      }
      for (String m : r.rollback().manualActions()) {
        out.println("  MANUAL ACTION NEEDED: " + m);
      }
    }
    BudgetReport b = r.budget();
    if (b != null) {
      out.printf(
          Locale.ROOT, "Time: total %s%s", secs(b.totalSeconds()), limit(b.totalLimitSeconds()));
      if (b.downtimeSeconds() != null) {
        out.printf(
            Locale.ROOT,
            ", downtime %s%s",
            secs(b.downtimeSeconds()),
            limit(b.downtimeLimitSeconds()));
      }
      if (b.rollbackSeconds() != null) {
        out.printf(
            Locale.ROOT,
            ", rollback %s%s",
            secs(b.rollbackSeconds()),
            limit(b.rollbackLimitSeconds()));
      }
      out.println(b.withinBudget() ? " — within budget" : " — OVER BUDGET");
    }
    for (String f : r.records()) {
      out.println("Record: " + f);
    }
    out.flush();
  }

  private static String secs(double s) {
    return s < 120
        ? String.format(Locale.ROOT, "%.1fs", s)
        : String.format(Locale.ROOT, "%.1fm", s / 60);
  }

  private static String limit(Double l) {
    return l == null ? "" : " (budget " + secs(l) + ")";
  }
}
