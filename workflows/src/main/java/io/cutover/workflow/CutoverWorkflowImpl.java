package io.cutover.workflow;

import io.cutover.activities.FingerprintRequest;
import io.cutover.activities.Fingerprints;
import io.cutover.activities.LoadedPlan;
import io.cutover.activities.PlanActivities;
import io.cutover.activities.RecordActivities;
import io.cutover.activities.RecordRequest;
import io.cutover.activities.ValidateActivities;
import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.FailureType;
import io.cutover.api.LockAnswer;
import io.cutover.api.MonitorEvent;
import io.cutover.api.PauseRequest;
import io.cutover.api.RecoverRequest;
import io.cutover.api.ReleaseRequest;
import io.cutover.api.RunStatus;
import io.cutover.api.StepDecision;
import io.cutover.api.StepOutcome;
import io.cutover.api.StepStatus;
import io.cutover.plan.Database;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Interprets a plan: steps in order, each through its {@link StepRunner}; on any failure,
 * rejection, timeout, abort or cancellation, the saga's compensations in reverse and then the
 * plan's rollback steps, all in a detached cancellation scope. Before each step it holds while the
 * run is paused ({@link Pauses}) and, before the first step that changes anything, until the
 * schedule's change window is open ({@link ChangeWindowWait}); a failed step with {@code onFailure:
 * decide} waits for retry, skip or rollback ({@link Recovery}).
 */
public class CutoverWorkflowImpl implements CutoverWorkflow {
  private static final Logger log = Workflow.getLogger(CutoverWorkflowImpl.class);

  /**
   * {@link Workflow#getVersion} change id: a rollback that starts before any step changed anything
   * skips the rollback steps that change things and reports what the others find as warnings (see
   * {@link Changes}). Runs started before it replay the old way.
   */
  static final String PROPORTIONAL_ROLLBACK = "rollback-in-proportion";

  private static final ActivityOptions PLAN_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumAttempts(5)
                  .setDoNotRetry(FailureType.nonRetryableNames().toArray(String[]::new))
                  .build())
          .build();

  private final PlanActivities plans =
      Workflow.newActivityStub(
          PlanActivities.class,
          ActivityOptions.newBuilder(PLAN_OPTIONS).setSummary("load and check the plan").build());
  private final RecordActivities records =
      Workflow.newActivityStub(
          RecordActivities.class,
          ActivityOptions.newBuilder(PLAN_OPTIONS)
              .setSummary("write the governance record")
              .build());

  private final RunState state = new RunState();
  private final GateKeeper gates = new GateKeeper(state);
  private final Recovery recovery = new Recovery(state);
  private final Pauses pauses = new Pauses(state);
  private final StepHolds holds = new StepHolds(pauses);
  private final Saga saga = new Saga();
  private final ResourceLocks locks = new ResourceLocks();
  private StepEnv env;

  @Override
  public CutoverReport run(CutoverInput input) {
    WorkflowInfo info = Workflow.getInfo();
    CancellationScope root = CancellationScope.current();
    state.begin(info.getWorkflowId(), info.getRunId());
    Plan plan = load(input);
    env =
        new StepEnv(
            plan,
            state,
            saga,
            gates,
            info.getWorkflowId() + "/" + info.getFirstExecutionRunId(),
            root);
    List<String> problems = Preflight.run(env);
    if (problems.isEmpty() && !env.interrupted()) {
      problems = locks.acquire(env);
    }
    if (!problems.isEmpty() && !env.interrupted()) {
      log.warn("Preflight found {} problem(s); no step runs", problems.size());
      state.preflightFailed(problems);
      return finish();
    }
    String failure = null;
    try {
      if (env.dryRun != null) {
        failure = prepareScratch();
      }
      failure = failure != null ? failure : fingerprintProtectedTables();
      for (Step step : plan.steps()) {
        if (failure != null) {
          break;
        }
        failure = env.interrupted() ? interruption(root) : holds.readyFor(env, step);
        if (failure == null) {
          failure = execute(state.step(step.id()), root);
        }
      }
    } catch (CanceledFailure e) {
      failure = cancelReason();
    }
    if (failure == null && state.rehearsal) {
      failure =
          "rehearsal: every step passed; rolling back by design to prove and time the rollback";
    }
    if (failure != null) {
      state.failure = failure;
      log.warn("Rolling back: {}", failure);
      rollback(failure);
    }
    return finish();
  }

  private Plan load(CutoverInput input) {
    try {
      LoadedPlan loaded = plans.loadPlan(input == null ? new CutoverInput(null) : input);
      state.planLoaded(loaded.plan(), loaded.dryRun(), loaded.rehearse());
      state.planSha256 = loaded.sha256();
      state.startedBy = loaded.startedBy();
      state.details(null);
      return loaded.plan();
    } catch (ActivityFailure e) {
      String why = Failures.describe(e);
      state.failure = why;
      state.status = RunStatus.ROLLED_BACK;
      state.end();
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid cutover input: " + why, FailureType.INVALID_PLAN.name());
    }
  }

  private String prepareScratch() {
    try {
      env.dryRun.prepareAll();
      return null;
    } catch (ActivityFailure e) {
      return "dry run: could not make scratch copies of the databases: " + Failures.describe(e);
    }
  }

  /** Takes content checksums of every protected table before any step can change it. */
  private String fingerprintProtectedTables() {
    ValidateActivities validate =
        Workflow.newActivityStub(
            ValidateActivities.class,
            ActivityOptions.newBuilder(StepEnv.DEFAULT_OPTIONS)
                .setSummary("checksum the protected tables")
                .build());
    for (Map.Entry<String, Database> db : env.plan.resources().databases().entrySet()) {
      List<String> tables = db.getValue().protectedTables();
      if (tables.isEmpty()) {
        continue;
      }
      try {
        Fingerprints f =
            validate.fingerprint(
                new FingerprintRequest(env.context("fingerprint"), env.db(db.getKey()), tables));
        env.recordFingerprints(db.getKey(), f.tables());
      } catch (ActivityFailure e) {
        return "could not checksum the protected tables of '"
            + db.getKey()
            + "' before starting: "
            + Failures.describe(e);
      }
    }
    return null;
  }

  /**
   * Runs one step (again after a {@code retry} decision). Null when it passed or was skipped, else
   * why the run must roll back.
   *
   * <p>The step runs in a detached scope: neither an abort nor a cancellation of the workflow
   * cancels a running activity. The rollback must know what the step did before it undoes it:
   * cancelling the activity would let the compensation (a restore, a config put back) start while
   * the step's transaction or command may still be running on its worker. Long commands stop on
   * their own timeouts; waits — gates, timers, monitor windows — watch {@link
   * StepEnv#interrupted()} and end at once.
   */
  private String execute(StepRecord rec, CancellationScope root) {
    state.startStep(rec);
    while (true) {
      StepOutcome[] out = {null};
      RuntimeException[] error = {null};
      Workflow.newDetachedCancellationScope(
              () -> {
                try {
                  HostWait.await(env, rec);
                  out[0] =
                      env.dryRun != null
                          ? env.dryRun.run(rec.step, runnerFor(rec.step))
                          : runnerFor(rec.step).run(rec.step, env);
                } catch (TemporalFailure e) {
                  error[0] = e;
                } catch (RuntimeException e) {
                  // A bug must roll the run back, not leave it retrying workflow tasks forever.
                  error[0] = e;
                }
              })
          .run();
      if (error[0] == null) {
        rec.succeed(out[0], state.now(), state.nowMillis());
        log.info("Step {} succeeded: {}", rec.step.id(), rec.summary);
        return env.interrupted() ? interruption(root) : null;
      }
      String message = HostWait.describe(rec.step, env.plan, error[0]);
      rec.fail(message, Failures.evidenceOf(error[0]), state.now(), state.nowMillis());
      log.warn("Step {} failed: {}", rec.step.id(), message);
      if (env.interrupted()) {
        return interruption(root);
      }
      String failure = "step '" + rec.step.id() + "' failed: " + message;
      if (!Recovery.offered(env, rec, error[0])) {
        return failure;
      }
      String stop = recovery.resolve(env, rec, failure, pauses);
      if (stop != null || rec.status == StepStatus.SKIPPED) {
        return stop;
      }
      // retried: run it again
    }
  }

  private String interruption(CancellationScope root) {
    return env.interruptionReason();
  }

  private static StepRunner<Step> runnerFor(Step step) {
    return StepRunners.of(step);
  }

  private static String cancelReason() {
    return StepEnv.CANCELLED;
  }

  private void rollback(String reason) {
    state.startRollback(reason);
    if (env.dryRun != null) {
      // Nothing outside the scratch copies changed: no compensation, no rollback step runs.
      state.endRollback();
      return;
    }
    // Exit 4 must mean "something was changed and could not be put back" (see Changes).
    boolean untouched =
        Workflow.getVersion(PROPORTIONAL_ROLLBACK, Workflow.DEFAULT_VERSION, 1) >= 1
            && !Changes.anyStarted(state);
    state.nothingChanged = untouched;
    Workflow.newDetachedCancellationScope(
            () -> {
              env.notifier.send(
                  "rollback-started",
                  Map.of("reason", reason, "message", "rolling back: " + reason));
              state.compensated(saga.compensate(state, false));
              for (Step step : env.plan.rollback()) {
                StepRecord rec = state.newRollbackStep(step);
                if (untouched && Changes.changesSystem(step)) {
                  rec.status = StepStatus.SKIPPED;
                  rec.summary = "not needed: no step had changed anything";
                  continue;
                }
                rec.start(state.now(), state.nowMillis());
                state.details("Rollback step " + step.id());
                try {
                  HostWait.await(env, rec);
                  rec.succeed(runnerFor(step).run(step, env), state.now(), state.nowMillis());
                } catch (TemporalFailure | IllegalArgumentException e) {
                  String message = Failures.describe(e);
                  rec.fail(message, Failures.evidenceOf(e), state.now(), state.nowMillis());
                  if (untouched) {
                    state.rollbackWarnings.add(
                        "rollback step '"
                            + step.id()
                            + "' ("
                            + step.title()
                            + ") found the old system"
                            + " not as expected, before this run changed anything: "
                            + message);
                  } else {
                    state.manualActions.add(
                        "rollback step '"
                            + step.id()
                            + "' ("
                            + step.title()
                            + ") failed: "
                            + message
                            + " — do it by hand");
                  }
                }
              }
              state.compensated(saga.compensate(state, true));
            })
        .run();
    state.endRollback();
  }

  /** Ends the run, writes the governance record, and returns (or fails loudly with) the report. */
  private CutoverReport finish() {
    if (env.dryRun != null) {
      Workflow.newDetachedCancellationScope(env.dryRun::cleanUp).run();
    }
    state.end();
    env.notifier.send(
        "run-ended",
        Map.of("message", "cutover " + state.status, "reason", String.valueOf(state.failure)));
    env.notifier.drain();
    if (env.plan.recordSpec() != null && env.dryRun == null) {
      Workflow.newDetachedCancellationScope(
              () -> {
                try {
                  state.records.addAll(
                      records.writeRecord(
                          new RecordRequest(
                              env.plan.baseDir(), env.plan.recordSpec(), state.report())));
                } catch (ActivityFailure e) {
                  log.error("Could not write the governance record: {}", Failures.describe(e));
                  state.manualActions.add(
                      "write the governance record by hand: " + Failures.describe(e));
                }
              })
          .run();
    }
    locks.releaseAll();
    CutoverReport report = state.report();
    if (report.status() == RunStatus.ROLLBACK_FAILED) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ROLLBACK FAILED — manual action needed: " + String.join("; ", state.manualActions),
          FailureType.ROLLBACK_FAILED.name(),
          report);
    }
    return report;
  }

  @Override
  public void approve(Decision decision) {
    gates.decide(decision, true);
  }

  @Override
  public void reject(Decision decision) {
    gates.decide(decision, false);
  }

  @Override
  public void abort(AbortRequest request) {
    if (!gates.aborted()) {
      state.audit(
          "abort",
          request == null ? null : request.by(),
          request == null || request.reason() == null ? "no reason given" : request.reason());
    }
    gates.abort(request);
  }

  @Override
  public void release(ReleaseRequest request) {
    if (env != null) {
      env.holds.release(request, state);
    } else {
      // Before the plan is loaded no hold can be waiting: refused, and said so in the audit trail.
      new HoldKeeper().release(request, state);
    }
  }

  @Override
  public void retry(StepDecision decision) {
    recovery.decide(decision == null ? null : decision.as(Recovery.RETRY));
  }

  @Override
  public void skip(StepDecision decision) {
    recovery.decide(decision == null ? null : decision.as(Recovery.SKIP));
  }

  @Override
  public void pause(PauseRequest request) {
    pauses.pause(request);
  }

  @Override
  public void resume(PauseRequest request) {
    pauses.resume(request);
  }

  @Override
  public void monitor(MonitorEvent event) {
    if (env != null) {
      env.watch.receive(event, state);
    }
  }

  @Override
  public void lockAnswer(LockAnswer answer) {
    if (answer != null && answer.resource() != null) {
      locks.receive(answer);
    }
  }

  @Override
  public CutoverReport status() {
    return state.report();
  }

  @Override
  public String decide(DecisionUpdate update) {
    boolean applied = gates.decide(update.decision(), update.approve());
    return applied
        ? (update.approve() ? "approved" : "rejected")
        : gates.refusal(update.decision(), update.approve());
  }

  @Override
  public void validateDecide(DecisionUpdate update) {
    String refusal =
        gates.refusal(
            update == null ? null : update.decision(), update == null || update.approve());
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  @Override
  public String recover(RecoverRequest request) {
    String refused = recovery.decide(request);
    return refused == null
        ? request.action().trim().toLowerCase(Locale.ROOT) + " step '" + request.step() + "'"
        : "refused: " + refused;
  }

  @Override
  public void validateRecover(RecoverRequest request) {
    String refusal = recovery.refusal(request);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }
}
