package io.cutover.workflow;

import io.cutover.api.ApprovalRecord;
import io.cutover.api.AuditEntry;
import io.cutover.api.BudgetReport;
import io.cutover.api.CompensationReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.MonitorView;
import io.cutover.api.NotificationRecord;
import io.cutover.api.OpenFailure;
import io.cutover.api.OpenGate;
import io.cutover.api.PauseView;
import io.cutover.api.RollbackReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.api.WindowWait;
import io.cutover.plan.Budget;
import io.cutover.plan.Plan;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the status query and the report show, kept as the workflow runs. */
final class RunState {
  private Plan plan;
  private String workflowId;
  private String runId;
  RunStatus status = RunStatus.RUNNING;
  String currentStep;
  private String startedAt;
  private long startedMillis;
  private String endedAt;
  private long endedMillis;
  String failure;
  boolean dryRun;
  boolean rehearsal;
  final Map<String, StepRecord> steps = new LinkedHashMap<>();
  final List<StepRecord> rollbackSteps = new ArrayList<>();
  final List<ApprovalRecord> approvals = new ArrayList<>();
  OpenGate openGate;

  /** The failed step waiting for retry, skip or rollback; see {@link Recovery}. */
  OpenFailure openFailure;

  /** Set while the run is paused; see {@link Pauses}. */
  PauseView paused;

  /** Set while the run waits for its change window; see {@link ChangeWindowWait}. */
  WindowWait windowWait;

  /**
   * When the wait for a change window ended (the budget's total counts from there); 0 without one.
   */
  private long windowWaitEndedMillis;

  private boolean rollbackRan;
  private String rollbackReason;
  private String rollbackStartedAt;
  private long rollbackStartedMillis;
  private String rollbackEndedAt;
  private long rollbackEndedMillis;
  private final List<CompensationReport> compensations = new ArrayList<>();
  final List<String> manualActions = new ArrayList<>();
  final List<String> records = new ArrayList<>();
  final Map<String, MonitorView> monitors = new LinkedHashMap<>();
  final List<NotificationRecord> notifications = new ArrayList<>();
  final List<String> preflight = new ArrayList<>();

  /** Set when a rollback starts with no state-changing step started: see {@link Changes}. */
  boolean nothingChanged;

  final List<String> rollbackWarnings = new ArrayList<>();
  final List<AuditEntry> audit = new ArrayList<>();

  /** From the plan activity: the loaded plan's SHA-256 and who started the run. */
  String planSha256;

  String startedBy;
  private final SearchAttributeSync searchAttributes = new SearchAttributeSync();

  String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }

  long nowMillis() {
    return Workflow.currentTimeMillis();
  }

  String workflowId() {
    return workflowId;
  }

  String runId() {
    return runId;
  }

  void begin(String workflowId, String runId) {
    this.workflowId = workflowId;
    this.runId = runId;
    this.startedMillis = nowMillis();
    this.startedAt = now();
    searchAttributes.begin();
  }

  void planLoaded(Plan plan, boolean dryRun, boolean rehearsal) {
    this.plan = plan;
    this.dryRun = dryRun;
    this.rehearsal = rehearsal;
    for (Step s : plan.steps()) {
      steps.put(s.id(), new StepRecord(s));
    }
  }

  Plan plan() {
    return plan;
  }

  StepRecord step(String id) {
    return steps.get(id);
  }

  StepRecord startStep(StepRecord rec) {
    currentStep = rec.step.id();
    rec.start(now(), nowMillis());
    details(null);
    return rec;
  }

  StepRecord newRollbackStep(Step s) {
    StepRecord rec = new StepRecord(s);
    rollbackSteps.add(rec);
    return rec;
  }

  /** The wait for a change window ended now: the budget's total is measured from here. */
  void windowWaited(long millis) {
    windowWaitEndedMillis = millis;
  }

  void markCompensated(String stepId, boolean ok) {
    StepRecord rec = steps.get(stepId);
    if (rec != null) {
      rec.status = ok ? StepStatus.COMPENSATED : StepStatus.COMPENSATION_FAILED;
    }
  }

  void startRollback(String reason) {
    status = RunStatus.ROLLING_BACK;
    paused = null; // a rollback is never paused

    rollbackRan = true;
    rollbackReason = reason;
    rollbackStartedAt = now();
    rollbackStartedMillis = nowMillis();
    for (StepRecord rec : steps.values()) {
      if (rec.status == StepStatus.PENDING) {
        rec.status = StepStatus.SKIPPED;
      }
    }
    details(null);
  }

  void compensated(List<CompensationReport> reports) {
    compensations.addAll(reports);
    for (CompensationReport r : reports) {
      if (r.status() == StepStatus.COMPENSATION_FAILED) {
        manualActions.add(
            r.manual() + " (compensation of " + r.forStep() + " failed: " + r.error() + ")");
      }
    }
  }

  void endRollback() {
    rollbackEndedAt = now();
    rollbackEndedMillis = nowMillis();
    status = manualActions.isEmpty() ? RunStatus.ROLLED_BACK : RunStatus.ROLLBACK_FAILED;
  }

  /** Preflight found problems: no step runs, nothing to roll back. */
  void preflightFailed(List<String> problems) {
    preflight.addAll(problems);
    status = RunStatus.PREFLIGHT_FAILED;
    failure =
        "preflight: "
            + problems.size()
            + " problem(s) before the first step; nothing ran: "
            + String.join("; ", problems);
    for (StepRecord rec : steps.values()) {
      if (rec.status == StepStatus.PENDING) {
        rec.status = StepStatus.SKIPPED;
      }
    }
  }

  void end() {
    if (!status.isFinal()) {
      status = RunStatus.SUCCEEDED;
    }
    currentStep = null;
    openGate = null;
    paused = null;
    endedAt = now();
    endedMillis = nowMillis();
    details(null);
  }

  CutoverReport report() {
    List<StepReport> stepReports = steps.values().stream().map(StepRecord::report).toList();
    RollbackReport rollback =
        rollbackRan
            ? new RollbackReport(
                true,
                rollbackReason,
                rollbackStartedAt,
                rollbackEndedAt,
                compensations,
                rollbackSteps.stream().map(StepRecord::report).toList(),
                manualActions,
                nothingChanged,
                rollbackWarnings)
            : RollbackReport.notRun();
    return new CutoverReport(
        plan == null ? null : plan.name(),
        plan == null ? null : plan.anchor(),
        plan == null ? null : plan.target(),
        workflowId,
        runId,
        status,
        currentStep,
        startedAt,
        endedAt,
        failure,
        stepReports,
        approvals,
        openGate,
        rollback,
        budget(),
        records,
        dryRun,
        List.copyOf(monitors.values()),
        notifications,
        rehearsal,
        preflight,
        planSha256,
        startedBy,
        plan == null ? null : plan.change(),
        audit,
        openFailure,
        paused,
        windowWait);
  }

  /** Adds to the audit trail (report, governance record). */
  void audit(String kind, String by, String detail) {
    audit.add(new AuditEntry(now(), kind, by == null || by.isBlank() ? "someone" : by, detail));
  }

  private BudgetReport budget() {
    if (plan == null) {
      return null;
    }
    Budget b = plan.budget();
    long end = endedAt != null ? endedMillis : nowMillis();
    double total =
        (end - (windowWaitEndedMillis > 0 ? windowWaitEndedMillis : startedMillis)) / 1000.0;
    Double downtime = downtimeSeconds(b);
    Double rollback =
        rollbackRan && rollbackEndedAt != null
            ? (rollbackEndedMillis - rollbackStartedMillis) / 1000.0
            : null;
    Double totalLimit = b == null ? null : seconds(b.total());
    Double downLimit = b == null ? null : seconds(b.downtime());
    Double rollbackLimit = b == null ? null : seconds(b.rollback());
    boolean within =
        within(total, totalLimit) && within(downtime, downLimit) && within(rollback, rollbackLimit);
    return new BudgetReport(
        total, totalLimit, downtime, downLimit, rollback, rollbackLimit, within);
  }

  private Double downtimeSeconds(Budget b) {
    if (b == null || b.downtimeFrom() == null) {
      return null;
    }
    StepRecord from = steps.get(b.downtimeFrom());
    StepRecord to = b.downtimeTo() == null ? null : steps.get(b.downtimeTo());
    if (from == null || !from.ran()) {
      return null;
    }
    long stop;
    if (to != null && to.endedAt != null) {
      stop = to.endedMillis;
    } else if (rollbackRan && rollbackEndedAt != null) {
      stop = rollbackEndedMillis;
    } else if (endedAt != null) {
      stop = endedMillis;
    } else {
      stop = nowMillis();
    }
    return (stop - from.startedMillis) / 1000.0;
  }

  private static Double seconds(Span s) {
    return s == null ? null : s.millis() / 1000.0;
  }

  private static boolean within(Double measured, Double limit) {
    return measured == null || limit == null || measured <= limit;
  }

  /** Sets the short text the Temporal UI shows as the run's current details. */
  void details(String activity) {
    StringBuilder sb = new StringBuilder();
    sb.append("**").append(status).append("**");
    if (plan != null) {
      sb.append(" · ").append(plan.name()).append(" · anchor `").append(plan.anchor()).append('`');
    }
    if (paused != null) {
      sb.append("\n\n**PAUSED** by ")
          .append(paused.by())
          .append(" since ")
          .append(paused.since())
          .append(paused.comment() == null ? "" : " (" + paused.comment() + ")")
          .append(
              ": no new step starts until resumed — *Send Signal* `resume`: `{\"by\": \"<your"
                  + " name>\"}`");
    }
    if (openFailure != null) {
      sb.append("\n\nStep **")
          .append(openFailure.step())
          .append("** failed (attempt ")
          .append(openFailure.attempt())
          .append("): ")
          .append(openFailure.error())
          .append("\n\nChoose ")
          .append(String.join(", ", openFailure.choices()))
          .append(" by ")
          .append(openFailure.deadline())
          .append(" (no decision by then means rollback) — *Execute Update* `recover`: ")
          .append("`{\"step\": \"")
          .append(openFailure.step())
          .append(
              "\", \"action\": \"retry\", \"by\": \"<your name>\", \"comment\": \"<why>\"}`, or"
                  + " *Send Signal* `retry` / `skip`")
          .append(" with `{\"step\", \"by\", \"comment\"}`");
    } else if (windowWait != null) {
      sb.append("\n\nWaiting for the change window (")
          .append(windowWait.schedule())
          .append("): ")
          .append(windowWait.reason())
          .append("; starts changing things at ")
          .append(windowWait.opensAt())
          .append(
              windowWait.closesAt() == null ? "" : " (window closes " + windowWait.closesAt() + ")")
          .append(". Nothing has been changed; an abort now ends the run with nothing to undo.");
    } else if (openGate != null) {
      sb.append("\n\nWaiting at gate **")
          .append(openGate.gate())
          .append("**: ")
          .append(openGate.prompt());
      if (!openGate.approvers().isEmpty()) {
        sb.append(" (approvers: ").append(String.join(", ", openGate.approvers())).append(')');
      }
      sb.append(" — deadline ")
          .append(openGate.deadline())
          .append("\n\nDecide with *Send Signal* `approve` or `reject`: `{\"gate\": \"")
          .append(openGate.gate())
          .append("\", \"by\": \"<your name>\"}`");
    } else if (currentStep != null) {
      StepRecord rec = steps.get(currentStep);
      int index = new ArrayList<>(steps.keySet()).indexOf(currentStep) + 1;
      sb.append("\n\nStep ")
          .append(index)
          .append('/')
          .append(steps.size())
          .append(" `")
          .append(currentStep)
          .append("` (")
          .append(rec == null ? "" : rec.step.type())
          .append(')');
      if (rec != null && rec.step.description() != null) {
        sb.append(": ").append(rec.step.description());
      }
      if (rec != null && rec.startedAt != null) {
        sb.append("\n\nRunning since ")
            .append(rec.startedAt)
            .append(rec.step.host() == null ? "" : " on host `" + rec.step.host() + "`")
            .append(
                "; live progress in the pending activity's heartbeat details, or `cutover watch ")
            .append(workflowId)
            .append('`');
      }
    }
    if (activity != null) {
      sb.append("\n\n").append(activity);
    }
    if (!preflight.isEmpty()) {
      sb.append("\n\n**Preflight found ")
          .append(preflight.size())
          .append(" problem(s); no step ran, nothing changed:**");
      preflight.forEach(p -> sb.append("\n- ").append(p));
    }
    if (!manualActions.isEmpty()) {
      sb.append("\n\n**Manual action needed:**");
      manualActions.forEach(a -> sb.append("\n- ").append(a));
    }
    Workflow.setCurrentDetails(sb.toString());
    Map<SearchAttributeKey<String>, String> attributes = new HashMap<>();
    attributes.put(CutoverSearchAttributes.TARGET, plan == null ? null : plan.target());
    attributes.put(CutoverSearchAttributes.STATUS, status.name());
    attributes.put(CutoverSearchAttributes.STEP, currentStep);
    attributes.put(CutoverSearchAttributes.GATE, openGate == null ? null : openGate.gate());
    searchAttributes.sync(attributes);
  }
}
