package io.cutover.activities.record;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.plan.RecordSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The governance record: what changed, on whose approval, what was verified, how long users were
 * without service, and whether a rollback ran — the shape release managers file with the change —
 * and for the audit: the change ticket, which plan exactly ran (its SHA-256), who started the run,
 * and every decision, release, retry, skip, pause and abort with who and when.
 */
public record GovernanceRecord(
    String event,
    String anchor,
    String timestamp,
    String source,
    String target,
    Map<String, Map<String, Object>> validation,
    List<ApprovalRecord> approvals,
    Double downtimeMinutes,
    Double totalMinutes,
    boolean rollbackExecuted,
    String rollbackReason,
    List<String> manualActions,
    String status,
    String artifactsLocation,
    String nextValidationDue,
    String change,
    String planSha256,
    String startedBy,
    List<AuditEntry> audit) {

  static GovernanceRecord of(CutoverReport r, RecordSpec spec, Path folder) {
    Map<String, Map<String, Object>> validation = new LinkedHashMap<>();
    for (StepReport s : r.steps()) {
      if (!s.type().equals("validate") || s.evidence().isEmpty()) {
        continue;
      }
      Map<String, Object> checks = new LinkedHashMap<>();
      for (Evidence e : s.evidence()) {
        checks.put(
            e.name(),
            e.ok() == null
                ? e.actual()
                : Map.of(
                    "expected",
                    String.valueOf(e.expected()),
                    "actual",
                    String.valueOf(e.actual()),
                    "passed",
                    e.ok()));
      }
      validation.put(s.id(), checks);
    }
    String status =
        switch (r.status()) {
          case SUCCEEDED -> "SUCCESS";
          case ROLLED_BACK -> "ROLLED_BACK";
          case ROLLBACK_FAILED -> "ROLLBACK_FAILED";
          default -> r.status().name();
        };
    String due = null;
    if (r.status() == RunStatus.SUCCEEDED
        && spec.nextValidationIn() != null
        && r.endedAt() != null) {
      due =
          Instant.parse(r.endedAt())
              .plus(spec.nextValidationIn().toDuration())
              .atZone(ZoneOffset.UTC)
              .toLocalDate()
              .toString();
    }
    Double downtime =
        r.budget() == null || r.budget().downtimeSeconds() == null
            ? null
            : round(r.budget().downtimeSeconds() / 60);
    Double total = r.budget() == null ? null : round(r.budget().totalSeconds() / 60);
    return new GovernanceRecord(
        spec.event() != null ? spec.event() : r.plan(),
        r.anchor(),
        r.endedAt(),
        spec.source(),
        r.target(),
        validation,
        r.approvals(),
        downtime,
        total,
        r.rollback() != null && r.rollback().ran(),
        r.rollback() == null ? null : r.rollback().reason(),
        r.rollback() == null ? List.of() : r.rollback().manualActions(),
        status,
        folder.toString(),
        due,
        r.change(),
        r.planSha256(),
        r.startedBy(),
        r.audit());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
