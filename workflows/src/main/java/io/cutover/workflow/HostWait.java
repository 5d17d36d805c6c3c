package io.cutover.workflow;

import io.cutover.activities.HostActivities;
import io.cutover.activities.HostInfo;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Host steps: before a step that names a host runs, a short activity on that host's task queue must
 * be picked up by a live worker there. While it waits, the step's summary (the status query, {@code
 * cutover watch}) and the UI's current details say so; when nothing picks it up within the host's
 * {@code workerWait} the step fails with a message naming the host.
 *
 * <p>Workflow code cannot see whether a scheduled activity has started; a separate, instant
 * activity can, because it only completes once a worker has taken it.
 */
final class HostWait {
  private HostWait() {}

  static String queue(String host) {
    return CutoverWorkflow.TASK_QUEUE + "-" + host;
  }

  static Duration workerWait(Plan plan, String host) {
    return plan.resources().host(host).workerWait().toDuration();
  }

  /** Waits for a worker on the step's host, if it names one; records which worker answered. */
  static void await(StepEnv env, StepRecord rec) {
    String host = rec.step.host();
    if (host == null) {
      return;
    }
    Duration wait = workerWait(env.plan, host);
    String deadline = Instant.ofEpochMilli(env.state.nowMillis() + wait.toMillis()).toString();
    rec.summary =
        "waiting for a worker on host '"
            + host
            + "' (task queue "
            + queue(host)
            + ") since "
            + env.state.now()
            + "; gives up at "
            + deadline;
    env.state.details(rec.summary);
    HostActivities hosts =
        Workflow.newActivityStub(
            HostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(queue(host))
                .setScheduleToStartTimeout(wait)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .setSummary("worker check: host " + host)
                .build());
    try {
      // An abort must not wait out the worker wait: stop waiting, leave the read-only check behind.
      Promise<HostInfo> answer = Async.function(hosts::hello, env.context(rec.step));
      Workflow.await(() -> answer.isCompleted() || env.interrupted());
      if (!answer.isCompleted()) {
        throw env.interruption();
      }
      rec.evidence.add(Evidence.info("worker", answer.get().toString()));
    } catch (ActivityFailure e) {
      if (isScheduleToStart(e)) {
        throw ApplicationFailure.newNonRetryableFailure(
            noWorker(rec.step, wait), FailureType.NO_WORKER.name());
      }
      throw e;
    } finally {
      rec.summary = null;
      env.state.details(null);
    }
  }

  /** The failure message of a host step: names the host when no worker there took it. */
  static String describe(Step step, Plan plan, Throwable e) {
    if (step.host() != null && isScheduleToStart(e)) {
      return noWorker(step, workerWait(plan, step.host()));
    }
    return Failures.describe(e);
  }

  private static String noWorker(Step step, Duration wait) {
    String host = step.host();
    return "no worker on host '"
        + host
        + "' picked up step '"
        + step.id()
        + "' within "
        + human(wait)
        + ": nothing polls task queue "
        + queue(host)
        + ". Start `cutover worker --host "
        + host
        + "` on that machine (or check that it reaches Temporal); raise resources.hosts."
        + host
        + ".workerWait to wait longer";
  }

  /** The same, for the preflight checks of a host's steps. */
  static String noWorkerFor(String host, Duration wait) {
    return "no worker on host '"
        + host
        + "' picked up the preflight checks of its steps within "
        + human(wait)
        + ": nothing polls task queue "
        + queue(host)
        + ". Start `cutover worker --host "
        + host
        + "` on that machine (or check that it reaches Temporal); raise resources.hosts."
        + host
        + ".workerWait to wait longer";
  }

  static boolean isScheduleToStart(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutFailure tf
          && tf.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        return true;
      }
    }
    return false;
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? s / 60 + "m" : s + "s";
  }
}
