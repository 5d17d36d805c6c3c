package io.cutover.workflow;

import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.MonitorEvent;
import io.cutover.api.MonitorView;
import io.cutover.api.StepOutcome;
import io.cutover.api.TriggerView;
import io.cutover.plan.Approver;
import io.cutover.plan.Checkpoint;
import io.cutover.plan.GateStep;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerAction;
import io.cutover.workflow.watch.MonitorInput;
import io.cutover.workflow.watch.MonitorResult;
import io.cutover.workflow.watch.MonitorState;
import io.cutover.workflow.watch.StopRequest;
import io.cutover.workflow.watch.TriggerResolution;
import io.cutover.workflow.watch.Window;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a monitor window as a child workflow and stays with it: opens a decision gate when a {@code
 * decide} trigger fires (sampling goes on meanwhile, and a rollback trigger still cuts the gate
 * short), runs checkpoints at their offsets, and fails the step, so the run rolls back, when a
 * rollback trigger fires, people choose to roll back, or a checkpoint fails.
 */
final class MonitorRunner implements StepRunner<MonitorStep> {
  static final Span DEFAULT_DECIDE_WITHIN = Span.parse("15m");

  /**
   * {@link Workflow#getVersion} change id: the window is told to stop by a signal, by workflow id,
   * instead of being cancelled. The Java test server fails (NullPointerException) when it reports a
   * cancellation of a child that continued as new, and the cutover then waits forever.
   */
  static final String STOP_BY_SIGNAL = "monitor-stop-by-signal";

  /** {@link Workflow#getVersion} change id: see {@link #stop}. */
  static final String STOP_WITHOUT_WAITING = "monitor-stop-without-waiting";

  @Override
  public StepOutcome run(MonitorStep step, StepEnv env) {
    Window window = new Window(step, env.watch.baseline(step.id()));
    String parent = Workflow.getInfo().getWorkflowId();
    String childId = parent + "." + step.id();
    long start = Workflow.currentTimeMillis();
    MonitorInput input =
        new MonitorInput(
            step, env.context(step), parent, env.watch.baseline(step.id()), start, null);
    MonitorWorkflow child =
        Workflow.newChildWorkflowStub(
            MonitorWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(childId)
                .setTaskQueue(Workflow.getInfo().getTaskQueue())
                .setStaticSummary("monitor window " + step.id() + " of " + parent)
                .build());
    env.watch.begin(
        step.id(),
        childId,
        window.view(MonitorState.begin(start), childId, "RUNNING", start),
        env.state);
    @SuppressWarnings("unchecked")
    Promise<MonitorResult>[] done = new Promise[1];
    CancellationScope childScope =
        Workflow.newCancellationScope(() -> done[0] = Async.function(child::watch, input));
    childScope.run();
    List<Checkpoint> checkpoints = new ArrayList<>(step.checkpoints());
    checkpoints.sort(Comparator.comparingLong(c -> at(step, c)));
    List<Evidence> found = new ArrayList<>();
    try {
      while (!done[0].isCompleted()) {
        long due = checkpoints.isEmpty() ? Long.MAX_VALUE : start + at(step, checkpoints.get(0));
        long now = Workflow.currentTimeMillis();
        if (due > now) {
          if (due == Long.MAX_VALUE) {
            Workflow.await(
                () ->
                    done[0].isCompleted() || env.watch.hasDecision(step.id()) || env.interrupted());
          } else {
            Workflow.await(
                Duration.ofMillis(due - now),
                () ->
                    done[0].isCompleted() || env.watch.hasDecision(step.id()) || env.interrupted());
          }
        }
        if (env.interrupted()) {
          // An abort or a cancellation of the cutover: the window stops (finally) and the run rolls
          // back.
          throw env.interruption();
        }
        MonitorEvent decide = env.watch.nextDecision(step.id());
        if (decide != null) {
          guarded(done[0], () -> decide(step, env, window, decide, done[0], found));
        } else if (!checkpoints.isEmpty()
            && Workflow.currentTimeMillis() >= due
            && !done[0].isCompleted()) {
          Checkpoint c = checkpoints.remove(0);
          guarded(done[0], () -> checkpoint(step, env, c, found));
        }
      }
      MonitorResult result = done[0].get();
      env.watch.update(step.id(), result.view(), env.state);
      if (MonitorResult.ROLLBACK.equals(result.outcome())) {
        env.watch.note(step.id(), "rollback trigger: " + result.message(), env.state);
        env.notifier.send(
            "trigger-fired",
            Map.of(
                "step",
                step.id(),
                "trigger",
                result.trigger(),
                "message",
                result.message(),
                "reason",
                "rollback"));
        List<Evidence> evidence = new ArrayList<>(result.evidence());
        evidence.addAll(found);
        throw ApplicationFailure.newNonRetryableFailure(
            result.message(),
            FailureType.TRIGGER_FIRED.name(),
            new StepOutcome("rollback trigger fired", evidence, List.of()));
      }
      // The window passed; decisions still open and checkpoints due at its end come now.
      for (MonitorEvent d = env.watch.nextDecision(step.id());
          d != null;
          d = env.watch.nextDecision(step.id())) {
        decide(step, env, window, d, done[0], found);
      }
      for (Checkpoint c : checkpoints) {
        checkpoint(step, env, c, found);
      }
      List<Evidence> evidence = new ArrayList<>(result.evidence());
      evidence.addAll(found);
      MonitorView v = result.view();
      long fired = v.triggers().stream().mapToLong(t -> t.continued()).sum();
      return new StepOutcome(
          "window "
              + step.window()
              + " passed: "
              + v.samples()
              + " samples, no rollback trigger fired"
              + (fired > 0 ? ", continued " + fired + "x after decide triggers" : "")
              + (step.checkpoints().isEmpty()
                  ? ""
                  : ", " + step.checkpoints().size() + " checkpoint(s) passed"),
          evidence,
          List.of());
    } finally {
      if (!done[0].isCompleted()) {
        if (Workflow.getVersion(STOP_BY_SIGNAL, Workflow.DEFAULT_VERSION, 1) == 1) {
          tellToStop(childId);
        } else {
          childScope.cancel("the monitor step ended");
          stop(childId);
        }
      }
    }
  }

  /**
   * Cancels the window by workflow id: once it has continued as new, a cancellation aimed at the
   * run the cutover started would find that run closed. Detached, since an abort has already
   * cancelled the step's own scope.
   */
  private static void stop(String windowId) {
    // Version 1 no longer waits for the server to confirm the request: the Java test server can
    // lose that confirmation when the window continues as new at the same moment, and the
    // cutover then waited forever. The window is a child; it ends with the cutover regardless.
    int version = Workflow.getVersion(STOP_WITHOUT_WAITING, Workflow.DEFAULT_VERSION, 1);
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                if (version == Workflow.DEFAULT_VERSION) {
                  Workflow.newUntypedExternalWorkflowStub(windowId).cancel();
                } else {
                  Async.procedure(Workflow.newUntypedExternalWorkflowStub(windowId)::cancel);
                }
              } catch (RuntimeException alreadyOver) {
                // The window ended on its own in the meantime.
              }
            })
        .run();
  }

  /**
   * Signals the window to end, without waiting for the delivery: it ends with the cutover anyway.
   */
  private static void tellToStop(String windowId) {
    Workflow.newDetachedCancellationScope(
            () ->
                Async.procedure(
                    Workflow.newExternalWorkflowStub(MonitorWorkflow.class, windowId)::stop,
                    new StopRequest("the cutover's monitor step ended")))
        .run();
  }

  /** Offset of a checkpoint from the window's start, scaled with the window. */
  static long at(MonitorStep step, Checkpoint c) {
    return Math.round(c.at().millis() * step.scale());
  }

  /**
   * Runs people- or activity-bound work while the window goes on; a rollback trigger firing
   * meanwhile cancels the work (the caller then rolls back).
   */
  private static void guarded(Promise<MonitorResult> done, Runnable body) {
    CancellationScope work = Workflow.newCancellationScope(body);
    CancellationScope watcher =
        Workflow.newCancellationScope(
            () ->
                Async.procedure(
                    () -> {
                      Workflow.await(done::isCompleted);
                      if (rollback(done)) {
                        work.cancel("a rollback trigger fired");
                      }
                    }));
    watcher.run();
    try {
      work.run();
    } catch (TemporalFailure e) {
      if (!rollback(done)) {
        throw e;
      }
    } finally {
      watcher.cancel();
    }
  }

  private static List<Evidence> decisionEvidence(MonitorEvent event, MonitorView v) {
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(Evidence.info("trigger " + event.trigger(), event.message()));
    if (v != null) {
      for (TriggerView t : v.triggers()) {
        evidence.add(
            Evidence.info(
                "trigger " + t.name() + " now",
                t.value() + " (limit " + t.limit() + ", " + t.state() + ")"));
      }
    }
    return evidence;
  }

  private static boolean rollback(Promise<MonitorResult> done) {
    return done.isCompleted()
        && done.getFailure() == null
        && MonitorResult.ROLLBACK.equals(done.get().outcome());
  }

  private void decide(
      MonitorStep step,
      StepEnv env,
      Window window,
      MonitorEvent event,
      Promise<MonitorResult> done,
      List<Evidence> found) {
    Trigger trigger = window.trigger(event.trigger());
    Span given = trigger.decideWithin() != null ? trigger.decideWithin() : step.decideWithin();
    Span within = given != null ? given : DEFAULT_DECIDE_WITHIN;
    List<Approver> deciders = trigger.deciders().isEmpty() ? step.deciders() : trigger.deciders();
    String gateId = step.id() + "." + event.trigger();
    env.notifier.send(
        "trigger-fired",
        Map.of(
            "step",
            step.id(),
            "trigger",
            event.trigger(),
            "message",
            event.message(),
            "reason",
            "decide"));
    GateStep gate =
        GateStep.decision(
            gateId,
            "decide: continue or roll back after '" + event.trigger() + "'",
            within,
            event.message()
                + ". Approve to continue the window, reject to roll back; no decision within "
                + within
                + " rolls back.",
            deciders);
    // What the deciders look at: the firing, and every trigger's value against its limit as the
    // window keeps sampling; a new value voids approvals given on the old one (evidence binding).
    Supplier<List<Evidence>> live = () -> decisionEvidence(event, env.watch.view(step.id()));
    List<Evidence> evidence = live.get();
    StepOutcome decided;
    try {
      decided = GateRunner.open(gate, env, evidence, live);
    } catch (ApplicationFailure f) {
      env.watch.note(
          step.id(),
          "decision after " + event.trigger() + ": roll back (" + f.getOriginalMessage() + ")",
          env.state);
      throw ApplicationFailure.newNonRetryableFailure(
          event.message() + "; decision: roll back — " + f.getOriginalMessage(),
          FailureType.TRIGGER_FIRED.name(),
          new StepOutcome("decided to roll back", evidence, List.of()));
    }
    env.watch.note(
        step.id(),
        "decision after " + event.trigger() + ": continue (" + decided.summary() + ")",
        env.state);
    found.add(
        Evidence.check(
            "decision on " + event.trigger(),
            "continue or roll back",
            "continue: " + decided.summary(),
            true));
    if (!done.isCompleted()) {
      // By workflow id only: the window has continued as new since it started.
      try {
        Workflow.newExternalWorkflowStub(MonitorWorkflow.class, event.monitorWorkflowId())
            .resolve(new TriggerResolution(event.trigger(), decided.summary()));
      } catch (CanceledFailure e) {
        throw e;
      } catch (RuntimeException e) {
        if (!done.isCompleted()) {
          throw e;
        }
      }
    }
  }

  private void checkpoint(MonitorStep step, StepEnv env, Checkpoint c, List<Evidence> found) {
    String label =
        "checkpoint "
            + c.name()
            + " ("
            + c.at()
            + (step.scale() != 1.0
                ? ", at " + MonitorView.clock(at(step, c) / 1000.0) + " in this shortened window"
                : "")
            + ")";
    List<Evidence> seen = new ArrayList<>();
    for (Step s : c.steps()) {
      env.state.details("Monitor " + step.id() + ": " + label + ", " + s.id());
      try {
        StepOutcome out = runCheckpointStep(s, env, seen, step);
        seen.add(Evidence.check(c.name() + " · " + s.id(), "pass", out.summary(), true));
        seen.addAll(out.evidence());
      } catch (CanceledFailure e) {
        throw e;
      } catch (TemporalFailure e) {
        if (Failures.isCancellation(e)) {
          throw e;
        }
        String why = Failures.describe(e);
        seen.add(Evidence.check(c.name() + " · " + s.id(), "pass", why, false));
        seen.addAll(Failures.evidenceOf(e));
        env.watch.note(step.id(), label + ": " + s.id() + " FAILED — " + why, env.state);
        if (c.onFailure() == TriggerAction.DECIDE) {
          GateStep gate =
              GateStep.decision(
                  step.id() + "." + c.name(),
                  "decide after " + label,
                  step.decideWithin() != null ? step.decideWithin() : DEFAULT_DECIDE_WITHIN,
                  label
                      + ": "
                      + s.id()
                      + " failed ("
                      + why
                      + "). Approve to continue the window, reject to roll back.",
                  step.deciders());
          try {
            StepOutcome go = GateRunner.open(gate, env, seen);
            env.watch.note(
                step.id(),
                label + ": continue after the failure (" + go.summary() + ")",
                env.state);
            found.addAll(seen);
            return;
          } catch (ApplicationFailure f) {
            throw ApplicationFailure.newNonRetryableFailure(
                label
                    + ": "
                    + s.id()
                    + " failed ("
                    + why
                    + "); decision: roll back — "
                    + f.getOriginalMessage(),
                FailureType.CHECK_FAILED.name(),
                new StepOutcome("checkpoint failed", seen, List.of()));
          }
        }
        throw ApplicationFailure.newNonRetryableFailure(
            label + ": " + s.id() + " failed: " + why,
            FailureType.CHECK_FAILED.name(),
            new StepOutcome("checkpoint failed", seen, List.of()));
      }
    }
    env.watch.note(step.id(), label + ": passed (" + c.steps().size() + " step(s))", env.state);
    found.addAll(seen);
  }

  private static StepOutcome runCheckpointStep(
      Step s, StepEnv env, List<Evidence> seen, MonitorStep monitor) {
    if (s instanceof GateStep g) {
      List<Evidence> evidence = new ArrayList<>(seen);
      MonitorView v = env.watch.view(monitor.id());
      if (v != null) {
        evidence.add(Evidence.info("window", v.headline()));
      }
      if (!g.evidence().isEmpty()) {
        evidence.addAll(env.evidenceFor(g.evidence()));
      }
      return GateRunner.open(g, env, evidence);
    }
    if (!s.kind().can(StepKind.Capability.CHECKPOINT)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a '" + s.type() + "' step cannot run at a checkpoint", FailureType.INVALID_PLAN.name());
    }
    return StepRunners.of(s).run(s, env);
  }
}
