package io.cutover.activities.record;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.AuditEntry;
import io.cutover.api.CompensationReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.MonitorView;
import io.cutover.api.NotificationRecord;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import java.util.Locale;

/** The human-readable execution log of a run, in the order things happened. */
public final class ExecutionLog {
  private ExecutionLog() {}

  public static String render(CutoverReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("=== ").append(r.plan()).append(" — execution log ===\n");
    sb.append("Anchor: ").append(r.anchor()).append('\n');
    sb.append("Target: ").append(r.target()).append('\n');
    sb.append("Workflow: ").append(r.workflowId()).append(" run ").append(r.runId()).append('\n');
    if (r.change() != null) {
      sb.append("Change: ").append(r.change()).append('\n');
    }
    sb.append("Plan SHA-256: ")
        .append(r.planSha256() == null ? "unknown" : r.planSha256())
        .append('\n');
    sb.append("Started by: ")
        .append(r.startedBy() == null ? "unknown" : r.startedBy())
        .append("\n\n");
    sb.append('[').append(r.startedAt()).append("] START\n");
    for (StepReport s : r.steps()) {
      if (s.startedAt() == null) {
        sb.append("[                        ] - ")
            .append(s.id())
            .append(": ")
            .append(s.status())
            .append('\n');
        continue;
      }
      sb.append('[')
          .append(s.startedAt())
          .append("] START: ")
          .append(s.id())
          .append(" (")
          .append(s.type())
          .append(") ")
          .append(s.title())
          .append('\n');
      boolean ok =
          s.status() == StepStatus.SUCCEEDED
              || (s.error() == null && s.status() != StepStatus.FAILED);
      sb.append('[')
          .append(s.endedAt())
          .append("] ")
          .append(ok ? "✓ " : "✗ ")
          .append(s.id())
          .append(": ")
          .append(s.error() != null ? s.error() : s.summary())
          .append(s.status() == StepStatus.SUCCEEDED ? "" : " [" + s.status() + "]")
          .append('\n');
      for (Evidence e : s.evidence()) {
        sb.append("      ").append(e).append('\n');
      }
      for (ApprovalRecord a : r.approvals()) {
        if (s.id().equals(a.gate())) {
          sb.append("      decision: ")
              .append(a.decision())
              .append(" by ")
              .append(a.by())
              .append(a.role() == null ? "" : " (" + a.role() + ")")
              .append(a.comment() == null ? "" : " — " + a.comment())
              .append(a.accepted() ? "" : " [not applied: " + a.reason() + "]")
              .append(" at ")
              .append(a.at())
              .append('\n');
        }
      }
    }
    if (r.rollback() != null && r.rollback().ran()) {
      sb.append('[')
          .append(r.rollback().startedAt())
          .append("] ROLLBACK: ")
          .append(r.rollback().reason())
          .append('\n');
      for (CompensationReport c : r.rollback().compensations()) {
        sb.append('[')
            .append(c.endedAt())
            .append("] ")
            .append(c.status() == StepStatus.COMPENSATED ? "✓ " : "✗ ")
            .append(c.action())
            .append(" (for ")
            .append(c.forStep())
            .append("): ")
            .append(c.error() != null ? c.error() : c.summary())
            .append('\n');
      }
      for (StepReport s : r.rollback().steps()) {
        sb.append('[')
            .append(s.endedAt())
            .append("] ")
            .append(s.status() == StepStatus.SUCCEEDED ? "✓ " : "✗ ")
            .append("rollback step ")
            .append(s.id())
            .append(": ")
            .append(s.error() != null ? s.error() : s.summary())
            .append('\n');
      }
      for (String m : r.rollback().manualActions()) {
        sb.append("MANUAL ACTION NEEDED: ").append(m).append('\n');
      }
    }
    for (MonitorView m : r.monitors()) {
      sb.append("MONITOR ").append(m.headline()).append(" — ").append(m.state()).append('\n');
      m.checkpoints().forEach(c -> sb.append("      ").append(c).append('\n'));
    }
    for (NotificationRecord n : r.notifications()) {
      sb.append('[')
          .append(n.at())
          .append("] NOTIFY ")
          .append(n.event())
          .append(" → ")
          .append(n.hook())
          .append(": ")
          .append(n.delivered() ? "delivered" : "NOT delivered (ignored)")
          .append(" — ")
          .append(n.detail())
          .append('\n');
    }
    sb.append('[').append(r.endedAt()).append("] ").append(r.status()).append("\n\n");
    if (!r.audit().isEmpty()) {
      sb.append("AUDIT TRAIL:\n");
      for (AuditEntry a : r.audit()) {
        sb.append("  [")
            .append(a.at())
            .append("] ")
            .append(a.kind())
            .append(" by ")
            .append(a.by())
            .append(a.detail() == null ? "" : ": " + a.detail())
            .append('\n');
      }
      sb.append('\n');
    }
    sb.append("RESULT: ").append(r.status()).append('\n');
    if (r.budget() != null) {
      if (r.budget().downtimeSeconds() != null) {
        sb.append(
            String.format(
                Locale.ROOT,
                "DOWNTIME: %.2f minutes%s%n",
                r.budget().downtimeSeconds() / 60,
                r.budget().downtimeLimitSeconds() == null
                    ? ""
                    : String.format(
                        Locale.ROOT, " (budget %.1f)", r.budget().downtimeLimitSeconds() / 60)));
      }
      sb.append(
          String.format(Locale.ROOT, "TOTAL: %.2f minutes%n", r.budget().totalSeconds() / 60));
      if (r.budget().rollbackSeconds() != null) {
        sb.append(
            String.format(
                Locale.ROOT, "ROLLBACK TIME: %.2f minutes%n", r.budget().rollbackSeconds() / 60));
      }
    }
    if (r.failure() != null) {
      sb.append("CAUSE: ").append(r.failure()).append('\n');
    }
    return sb.toString();
  }
}
