package io.cutover.workflow;

import io.cutover.activities.SampleRequest;
import io.cutover.activities.SampleResult;
import io.cutover.activities.WatchActivities;
import io.cutover.api.FailureType;
import io.cutover.api.MonitorEvent;
import io.cutover.api.MonitorView;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.TriggerAction;
import io.cutover.workflow.watch.Firing;
import io.cutover.workflow.watch.MonitorInput;
import io.cutover.workflow.watch.MonitorResult;
import io.cutover.workflow.watch.MonitorState;
import io.cutover.workflow.watch.StopRequest;
import io.cutover.workflow.watch.TriggerGauges;
import io.cutover.workflow.watch.TriggerResolution;
import io.cutover.workflow.watch.Window;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Samples a window: sleep until the next sample is due (a durable timer), read every metric (a
 * short activity), apply the window's rules, report. Everything it knows is in {@link
 * MonitorState}, which it hands to its next run every {@link #EVENTS_PER_RUN} history events.
 */
public class MonitorWorkflowImpl implements MonitorWorkflow {
  /**
   * History events after which a run continues as new. Small on purpose: workers run without a
   * sticky cache, so every workflow task replays its run's history from the start.
   */
  static final long EVENTS_PER_RUN = 100;

  private static final Logger log = Workflow.getLogger(MonitorWorkflowImpl.class);

  private MonitorInput input;
  private MonitorState state;
  private Window window;
  private String stopReason;

  @Override
  public MonitorResult watch(MonitorInput in) {
    input = in;
    state = in.state() != null ? in.state() : MonitorState.begin(in.startMillis());
    window = new Window(in.step(), in.baseline());
    try {
      MonitorResult result = sampleUntilTheEnd();
      TriggerGauges.clear(window, state);
      return result;
    } catch (CanceledFailure | ApplicationFailure e) {
      TriggerGauges.clear(window, state);
      throw e;
    } catch (RuntimeException e) {
      // A bug must end the window (and roll the cutover back), not retry workflow tasks forever.
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "monitor window " + in.step().id() + " failed: " + e, FailureType.CHECK_ERROR.name(), e);
    }
  }

  private MonitorResult sampleUntilTheEnd() {
    MonitorStep step = input.step();
    WatchActivities sampler = Workflow.newActivityStub(WatchActivities.class, sampleOptions(step));
    int last = window.lastIndex();
    while (state.next <= last) {
      long due = window.due(state, state.next);
      long now = Workflow.currentTimeMillis();
      if (due > now) {
        // Same timer as a sleep; it also ends when the cutover says stop.
        Workflow.await(Duration.ofMillis(due - now), () -> stopReason != null);
      } else if (now - due >= window.interval()) {
        // No worker was there when these samples were due: they are missed, not taken late.
        int behind = (int) ((now - due) / window.interval());
        state.missed += behind;
        state.next += behind;
        if (state.next > last) {
          break;
        }
        due = window.due(state, state.next);
      }
      if (stopReason != null) {
        return stopped();
      }
      SampleResult result;
      try {
        result =
            sampler.sample(
                new SampleRequest(
                    input.context(), step.metrics(), window.cursors(state), state.startMillis));
      } catch (ActivityFailure e) {
        if (e.getCause() instanceof CanceledFailure) {
          throw e;
        }
        log.warn(
            "Sample {} of {} could not be taken: {}", state.next, step.id(), Failures.describe(e));
        result = null;
      }
      List<Firing> fired = window.apply(state, result, due);
      TriggerGauges.publish(window, state);
      state.next++;
      for (Firing f : fired) {
        if (f.action() == TriggerAction.ROLLBACK) {
          log.warn("{}", f.message());
          MonitorView view = view(MonitorResult.ROLLBACK);
          Workflow.setCurrentDetails("**ROLLBACK** " + f.message());
          return new MonitorResult(
              MonitorResult.ROLLBACK, f.trigger(), f.message(), view, window.evidence(state));
        }
      }
      for (Firing f : fired) {
        tellParent(
            new MonitorEvent(
                step.id(),
                Workflow.getInfo().getWorkflowId(),
                MonitorEvent.DECIDE,
                view("RUNNING"),
                f.trigger(),
                f.message()));
      }
      if (fired.isEmpty()
          && (state.samples == 1 || due - state.lastProgressMillis >= window.progressEvery())) {
        tellParent(
            new MonitorEvent(
                step.id(),
                Workflow.getInfo().getWorkflowId(),
                MonitorEvent.PROGRESS,
                view("RUNNING"),
                null,
                null));
      }
      if (!fired.isEmpty()) {
        state.lastProgressMillis = due;
      }
      Workflow.setCurrentDetails(view("RUNNING").headline());
      long events = Workflow.getInfo().getHistoryLength();
      if (stopReason != null) {
        return stopped();
      }
      if (state.next <= last
          && (events >= EVENTS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested())) {
        state.maxRunEvents = Math.max(state.maxRunEvents, events);
        state.runs++;
        Workflow.continueAsNew(input.next(state));
      }
    }
    state.maxRunEvents = Math.max(state.maxRunEvents, Workflow.getInfo().getHistoryLength());
    Workflow.setCurrentDetails("**PASSED** " + view(MonitorResult.PASSED).headline());
    return new MonitorResult(
        MonitorResult.PASSED, null, null, view(MonitorResult.PASSED), window.evidence(state));
  }

  private void tellParent(MonitorEvent event) {
    if (event.kind().equals(MonitorEvent.PROGRESS)) {
      state.lastProgressMillis = window.due(state, state.next - 1);
    }
    if (input.parentWorkflowId() == null) {
      return;
    }
    try {
      Workflow.newExternalWorkflowStub(CutoverWorkflow.class, input.parentWorkflowId())
          .monitor(event);
    } catch (CanceledFailure e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("Could not report to {}: {}", input.parentWorkflowId(), e.getMessage());
    }
  }

  private MonitorView view(String outcome) {
    return window.view(
        state, Workflow.getInfo().getWorkflowId(), outcome, Workflow.currentTimeMillis());
  }

  private static ActivityOptions sampleOptions(MonitorStep step) {
    Duration timeout =
        step.timeout() == null ? Duration.ofSeconds(30) : step.timeout().toDuration();
    ActivityOptions.Builder b =
        ActivityOptions.newBuilder(StepEnv.DEFAULT_OPTIONS)
            .setStartToCloseTimeout(timeout)
            .setRetryOptions(
                RetryOptions.newBuilder(StepEnv.DEFAULT_RETRY).setMaximumAttempts(2).build())
            .setSummary("sample " + step.id());
    if (step.host() != null) {
      b.setTaskQueue(CutoverWorkflow.TASK_QUEUE + "-" + step.host());
    }
    return b.build();
  }

  private MonitorResult stopped() {
    Workflow.setCurrentDetails("**STOPPED** " + stopReason);
    return new MonitorResult(
        MonitorResult.STOPPED,
        null,
        stopReason,
        view(MonitorResult.STOPPED),
        window.evidence(state));
  }

  @Override
  public void stop(StopRequest request) {
    stopReason =
        request == null || request.reason() == null ? "stopped by the cutover" : request.reason();
  }

  @Override
  public void resolve(TriggerResolution resolution) {
    if (state != null && resolution != null) {
      Window.resolved(state, resolution.trigger());
    }
  }

  @Override
  public MonitorView status() {
    return state == null || window == null ? null : view("RUNNING");
  }
}
