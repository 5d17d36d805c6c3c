package io.cutover.workflow;

import io.cutover.activities.BackupResult;
import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Plan;
import io.cutover.plan.RetrySpec;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link StepRunner} may use: activity stubs, the saga, the gate and hold keepers, run
 * state.
 */
final class StepEnv {
  /** Short enough that a killed worker's activity is retried elsewhere within seconds. */
  static final Duration HEARTBEAT = Duration.ofSeconds(4);

  static final RetryOptions DEFAULT_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(RetrySpec.DEFAULT_INITIAL_INTERVAL)
          .setBackoffCoefficient(RetrySpec.DEFAULT_BACKOFF)
          .setMaximumInterval(RetrySpec.DEFAULT_MAX_INTERVAL)
          .setMaximumAttempts(RetrySpec.DEFAULT_MAX_ATTEMPTS)
          .setDoNotRetry(FailureType.nonRetryableNames().toArray(String[]::new))
          .build();

  static final ActivityOptions DEFAULT_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(HEARTBEAT)
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(DEFAULT_RETRY)
          .build();

  final Plan plan;
  final RunState state;
  final Saga saga;
  final GateKeeper gates;
  final WatchBoard watch = new WatchBoard();

  /** The waiting {@code hold} step, if any, and the release that ended it. */
  final HoldKeeper holds = new HoldKeeper();

  final Notifier notifier = new Notifier(this);

  /** Set when this is a dry run: where steps run instead, and the scratch copies to drop. */
  final DryRun dryRun;

  private final String runKey;
  private final CancellationScope root;
  private final Map<String, BackupResult> backups = new HashMap<>();
  private final Map<String, Map<String, String>> fingerprints = new HashMap<>();

  StepEnv(
      Plan plan,
      RunState state,
      Saga saga,
      GateKeeper gates,
      String runKey,
      CancellationScope root) {
    this.plan = plan;
    this.state = state;
    this.saga = saga;
    this.gates = gates;
    this.runKey = runKey;
    this.root = root;
    this.dryRun = state.dryRun ? new DryRun(this) : null;
  }

  /**
   * True once someone aborted the run or cancelled the workflow. Anything that waits (gates,
   * timers, monitor windows) must wake up on it: steps run in detached scopes, so a cancellation of
   * the workflow does not interrupt them by itself.
   */
  boolean interrupted() {
    return gates.aborted() || root.isCancelRequested();
  }

  /** Why a run was cancelled, as its report says. */
  static final String CANCELLED =
      "the workflow was cancelled (Temporal UI or client): treated as abort";

  /**
   * Who aborted and why, or that the workflow was cancelled: the rollback's reason after {@link
   * #interrupted()}.
   */
  String interruptionReason() {
    return gates.aborted() ? gates.abortReason() : CANCELLED;
  }

  /** The failure that ends a wait cut short by {@link #interrupted()}. */
  ApplicationFailure interruption() {
    return ApplicationFailure.newNonRetryableFailure(
        interruptionReason(), FailureType.ABORTED.name());
  }

  StepContext context(Step step) {
    return context(step.id());
  }

  StepContext context(String stepId) {
    return new StepContext(runKey, stepId, plan.baseDir(), state.dryRun);
  }

  DbRef db(String name) {
    DbRef scratch = dryRun == null ? null : dryRun.scratchOf(name);
    if (scratch != null) {
      return scratch;
    }
    return new DbRef(name, plan.database(name));
  }

  /** Activity options for a step: its timeout, retry policy and host's task queue. */
  ActivityOptions options(Step step, Duration defaultTimeout) {
    Duration timeout = step.timeout() == null ? defaultTimeout : step.timeout().toDuration();
    ActivityOptions.Builder b =
        ActivityOptions.newBuilder(DEFAULT_OPTIONS)
            .setStartToCloseTimeout(timeout)
            .setRetryOptions(retry(step.retry()))
            .setSummary(step.type() + " " + step.id());
    if (step.host() != null) {
      b.setTaskQueue(HostWait.queue(step.host()))
          .setScheduleToStartTimeout(HostWait.workerWait(plan, step.host()));
    }
    return b.build();
  }

  <T> T stub(Class<T> activities, Step step, Duration defaultTimeout) {
    return Workflow.newActivityStub(activities, options(step, defaultTimeout));
  }

  static RetryOptions retry(RetrySpec spec) {
    if (spec == null) {
      return DEFAULT_RETRY;
    }
    RetryOptions.Builder b = RetryOptions.newBuilder(DEFAULT_RETRY);
    if (spec.maxAttempts() != null) {
      b.setMaximumAttempts(spec.maxAttempts());
    }
    if (spec.initialInterval() != null) {
      b.setInitialInterval(spec.initialInterval().toDuration());
    }
    if (spec.backoff() != null) {
      b.setBackoffCoefficient(spec.backoff());
    }
    if (spec.maxInterval() != null) {
      b.setMaximumInterval(spec.maxInterval().toDuration());
    }
    return b.build();
  }

  static Duration or(Span span, Duration fallback) {
    return span == null ? fallback : span.toDuration();
  }

  /** Registers a compensation before the step that needs it runs (its outcome may be unknown). */
  void compensate(
      String key, Step step, String action, String manual, Functions.Func<StepOutcome> undo) {
    if (dryRun != null) {
      return; // a dry run changes only scratch copies, which are deleted at the end
    }
    saga.register(key, step.id(), action, manual, undo);
  }

  /**
   * Registers a compensation that runs after the plan's rollback steps rather than before them:
   * lifting maintenance mode must wait until the old system has been restarted and verified.
   */
  void compensateLast(
      String key, Step step, String action, String manual, Functions.Func<StepOutcome> undo) {
    if (dryRun != null) {
      return;
    }
    saga.register(key, step.id(), action, manual, undo, true);
  }

  /**
   * For a step with {@code onRollback: keep}: the rollback leaves what it wrote in place and says
   * so in the report, so the new system's state can be investigated.
   */
  void keepOnRollback(Step step, String what) {
    compensate(
        "keep:" + step.id(),
        step,
        "keep " + what + " for root-cause analysis (onRollback: keep)",
        "nothing to undo: clean " + what + " up by hand before the next attempt",
        () -> new StepOutcome("kept " + what + " for root-cause analysis", List.of(), List.of()));
  }

  void recordBackup(BackupResult result) {
    backups.put(result.database(), result);
  }

  BackupResult backupOf(String database) {
    return backups.get(database);
  }

  void recordFingerprints(String database, Map<String, String> tables) {
    fingerprints.put(database, tables);
  }

  Map<String, String> fingerprintsOf(String database) {
    return fingerprints.getOrDefault(database, Map.of());
  }

  /** Evidence of the given earlier steps (all that ran, when none are named), for a gate. */
  List<Evidence> evidenceFor(List<String> stepIds) {
    List<Evidence> out = new ArrayList<>();
    for (StepRecord rec : state.steps.values()) {
      if (rec.endedAt == null || (!stepIds.isEmpty() && !stepIds.contains(rec.step.id()))) {
        continue;
      }
      out.add(Evidence.info(rec.step.id(), rec.summary == null ? rec.status : rec.summary));
      out.addAll(rec.evidence);
    }
    return out;
  }
}
