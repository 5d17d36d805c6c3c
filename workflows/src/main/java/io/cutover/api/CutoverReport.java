package io.cutover.api;

import java.util.List;

/**
 * A run's state: what the {@code status} query returns while it runs, and the workflow's result
 * (the governance record's source) when it ends, whether it succeeded or rolled back.
 *
 * @param monitors every monitor window so far: elapsed time, latest samples, how close each trigger
 *     is (live while the window runs)
 * @param notifications every webhook message sent, delivered or not
 * @param rehearsal true when the run was a rehearsal: rolled back by design after its last step
 * @param planSha256 SHA-256 of the plan as loaded (variables substituted, secret references
 *     unresolved): which plan exactly ran
 * @param startedBy the Temporal client identity that started the run
 * @param change the change ticket the plan names ({@code change:}), if any
 * @param audit every decision, voided approval, release, retry, skip, pause, resume and abort, in
 *     order
 * @param openFailure the failed step waiting for retry, skip or rollback ({@code onFailure:
 *     decide}); null when none is
 * @param paused who paused the run and when; null when it is not paused
 * @param windowWait the change window the run waits for; null when it is not waiting
 * @param preflight what the workers found before the first step that stops the run (status {@code
 *     PREFLIGHT_FAILED}); empty when every check passed
 */
public record CutoverReport(
    String plan,
    String anchor,
    String target,
    String workflowId,
    String runId,
    RunStatus status,
    String currentStep,
    String startedAt,
    String endedAt,
    String failure,
    List<StepReport> steps,
    List<ApprovalRecord> approvals,
    OpenGate openGate,
    RollbackReport rollback,
    BudgetReport budget,
    List<String> records,
    boolean dryRun,
    List<MonitorView> monitors,
    List<NotificationRecord> notifications,
    boolean rehearsal,
    List<String> preflight,
    String planSha256,
    String startedBy,
    String change,
    List<AuditEntry> audit,
    OpenFailure openFailure,
    PauseView paused,
    WindowWait windowWait) {
  public CutoverReport {
    audit = audit == null ? List.of() : List.copyOf(audit);
    preflight = preflight == null ? List.of() : List.copyOf(preflight);
    steps = steps == null ? List.of() : List.copyOf(steps);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
    records = records == null ? List.of() : List.copyOf(records);
    monitors = monitors == null ? List.of() : List.copyOf(monitors);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }
}
