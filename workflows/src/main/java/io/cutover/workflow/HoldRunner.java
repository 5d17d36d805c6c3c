package io.cutover.workflow;

import io.cutover.activities.DbRef;
import io.cutover.activities.HoldCheckRequest;
import io.cutover.activities.HoldCheckResult;
import io.cutover.activities.WatchActivities;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.MonitorView;
import io.cutover.api.ReleaseRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.GateStep;
import io.cutover.plan.HoldCondition;
import io.cutover.plan.HoldStep;
import io.cutover.plan.TriggerAction;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code hold}: one read-only activity per check evaluates every condition, a durable timer
 * waits out the interval, and the step ends when all conditions have held for {@code stableFor} (a
 * check at which one does not hold resets that clock), when someone releases it, when the run is
 * aborted (at once, rolling back), or at its deadline (roll back, or a decision gate). All of it is
 * timers and activities, so a worker restart changes nothing; a plan may ask for at most {@link
 * HoldStep#MAX_CHECKS} checks, which bounds what a hold adds to the run's history.
 */
final class HoldRunner implements StepRunner<HoldStep> {
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public StepOutcome run(HoldStep step, StepEnv env) {
    long start = Workflow.currentTimeMillis();
    HoldProgress p = new HoldProgress(step, start);
    StepRecord rec = env.state.step(step.id());
    WatchActivities checker = Workflow.newActivityStub(WatchActivities.class, options(step, env));
    Map<String, DbRef> databases = databases(step, env);
    env.holds.open(step.id());
    try {
      while (true) {
        if (env.interrupted()) {
          throw interrupted(env, p);
        }
        if (env.holds.released() != null) {
          return released(env.holds.released(), p, start);
        }
        long at = Workflow.currentTimeMillis();
        HoldCheckResult result = null;
        String error = null;
        try {
          result =
              checker.holdCheck(
                  new HoldCheckRequest(
                      env.context(step),
                      step.conditions(),
                      step.metrics(),
                      databases,
                      p.readings(),
                      p.lastMillis,
                      start,
                      at));
        } catch (ActivityFailure e) {
          if (Failures.isCancellation(e)) {
            throw e;
          }
          error = Failures.describe(e);
        }
        p.record(result, error, at);
        show(step, env, rec, p, at);
        if (env.interrupted()) {
          throw interrupted(env, p);
        }
        if (env.holds.released() != null) {
          return released(env.holds.released(), p, start);
        }
        if (p.stable(at)) {
          return new StepOutcome(
              "all "
                  + step.conditions().size()
                  + " condition(s) held"
                  + (step.stableMillis() > 0 ? " for " + step.stableFor() : "")
                  + " after "
                  + clock(at - start)
                  + " ("
                  + p.checks
                  + " checks)",
              p.evidence(),
              List.of());
        }
        if (at >= p.deadlineMillis) {
          return deadline(step, env, p, rec);
        }
        long wait = p.nextCheck(at) - Workflow.currentTimeMillis();
        if (wait > 0) {
          Workflow.await(
              Duration.ofMillis(wait), () -> env.interrupted() || env.holds.released() != null);
        }
      }
    } finally {
      env.holds.close();
      if (rec != null) {
        // The live view gives way to the final one the step's outcome or failure carries.
        rec.summary = null;
        rec.evidence.clear();
      }
    }
  }

  /** The deadline passed before the conditions held: roll back, or ask. */
  private static StepOutcome deadline(HoldStep step, StepEnv env, HoldProgress p, StepRecord rec) {
    String what =
        "hold '"
            + step.id()
            + "': deadline "
            + step.deadline()
            + " reached, "
            + p.lastFinding()
            + (step.stableMillis() > 0
                ? " (stable for "
                    + clock(p.stableMillis(p.lastMillis))
                    + " of "
                    + step.stableFor()
                    + ")"
                : "");
    List<Evidence> evidence = p.evidence();
    if (step.onDeadline() != TriggerAction.DECIDE) {
      throw ApplicationFailure.newNonRetryableFailure(
          what,
          FailureType.CHECK_FAILED.name(),
          new StepOutcome("deadline reached", evidence, List.of()));
    }
    String gateId = step.id() + ".deadline";
    GateStep gate =
        GateStep.decision(
            gateId,
            "decide: go on or roll back after hold '" + step.id() + "' reached its deadline",
            step.decideWithinOrDefault(),
            what
                + ". Approve to go on without the conditions, reject to roll back; no decision"
                + " within "
                + step.decideWithinOrDefault()
                + " rolls back.",
            step.deciders());
    env.holds.deciding(gateId);
    if (rec != null) {
      rec.summary = what + "; waiting for a decision at gate '" + gateId + "'";
    }
    StepOutcome decided;
    try {
      decided = GateRunner.open(gate, env, evidence);
    } catch (ApplicationFailure f) {
      if (env.interrupted()) {
        throw f;
      }
      throw ApplicationFailure.newNonRetryableFailure(
          what + "; decision: roll back — " + f.getOriginalMessage(),
          FailureType.CHECK_FAILED.name(),
          new StepOutcome("decided to roll back", evidence, List.of()));
    }
    List<Evidence> out = new ArrayList<>(evidence);
    out.add(
        Evidence.check(
            "decision at the deadline", "go on or roll back", "go on: " + decided.summary(), true));
    return new StepOutcome(
        "deadline "
            + step.deadline()
            + " reached with "
            + p.lastFinding()
            + "; went on, "
            + decided.summary(),
        out,
        List.of());
  }

  private static StepOutcome released(ReleaseRequest r, HoldProgress p, long start) {
    long now = Workflow.currentTimeMillis();
    List<Evidence> evidence = new ArrayList<>(p.evidence());
    evidence.add(Evidence.info("released", "by " + r.by() + ": " + r.reason()));
    return new StepOutcome(
        "released by "
            + r.by()
            + ": "
            + r.reason()
            + " (after "
            + clock(now - start)
            + ", "
            + p.checks
            + " checks; "
            + p.lastFinding()
            + ")",
        evidence,
        List.of());
  }

  /** The abort's failure, carrying what the hold had found so far. */
  private static ApplicationFailure interrupted(StepEnv env, HoldProgress p) {
    ApplicationFailure why = env.interruption();
    return ApplicationFailure.newNonRetryableFailure(
        why.getOriginalMessage(),
        why.getType(),
        new StepOutcome("aborted while holding", p.evidence(), List.of()));
  }

  /**
   * The step's live state: summary and evidence in the status query, the run's details in the UI.
   */
  private static void show(HoldStep step, StepEnv env, StepRecord rec, HoldProgress p, long at) {
    if (rec != null) {
      rec.summary = p.headline(at);
      rec.evidence.clear();
      rec.evidence.addAll(p.evidence());
    }
    env.state.details(p.details(at, Workflow.getInfo().getWorkflowId()));
  }

  private static ActivityOptions options(HoldStep step, StepEnv env) {
    ActivityOptions base = env.options(step, CHECK_TIMEOUT);
    ActivityOptions.Builder b =
        ActivityOptions.newBuilder(base).setSummary("hold check " + step.id());
    if (step.retry() == null) {
      // A check that cannot run counts as "not holding" and the next one comes an interval later.
      b.setRetryOptions(
          RetryOptions.newBuilder(StepEnv.DEFAULT_RETRY).setMaximumAttempts(2).build());
    }
    return b.build();
  }

  private static Map<String, DbRef> databases(HoldStep step, StepEnv env) {
    Map<String, DbRef> out = new LinkedHashMap<>();
    for (HoldCondition c : step.conditions()) {
      if (c.sql() != null && env.plan.resources().databases().containsKey(c.sql().database())) {
        out.put(c.sql().database(), env.db(c.sql().database()));
      }
    }
    return out;
  }

  private static String clock(long millis) {
    return MonitorView.clock(millis / 1000.0);
  }
}
