package io.cutover.workflow;

import io.cutover.activities.LockActivities;
import io.cutover.api.LockAnswer;
import io.cutover.api.LockRelease;
import io.cutover.api.LockRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cutover per resource, on the run's side: before the first step, every resource the plan can
 * change is asked of its {@link ResourceLockWorkflow}; any refusal (another running cutover, under
 * any workflow id, holds it) stops the run before it changes anything, naming the holder.
 * Everything granted is given back when the run ends, however it ends; a run that is terminated
 * gives nothing back, and the lock then asks whether it still runs.
 *
 * <p>Dry runs change nothing and take no lock. Runs started before locks existed replay without
 * them: {@link Workflow#getVersion} change id {@value #CHANGE_ID}.
 */
final class ResourceLocks {
  static final String CHANGE_ID = "resource-locks";
  private static final Duration ANSWER_WAIT = Duration.ofMinutes(2);

  private final Map<String, LockAnswer> answers = new HashMap<>();
  private final List<String> held = new ArrayList<>();

  /** Called by the run's {@code lockAnswer} signal. */
  void receive(LockAnswer answer) {
    answers.put(answer.resource(), answer);
  }

  /**
   * Asks for every resource; returns the problems (empty: all granted, or no locking for this run).
   */
  List<String> acquire(StepEnv env) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) < 1 || env.dryRun != null) {
      return List.of();
    }
    Map<String, String> keys = ResourceKeys.of(env.plan);
    if (keys.isEmpty()) {
      return List.of();
    }
    WorkflowInfo info = Workflow.getInfo();
    LockActivities locks =
        Workflow.newActivityStub(
            LockActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .setSummary("ask for the plan's resources")
                .build());
    env.state.details(
        "Asking for the plan's "
            + keys.size()
            + " resource(s): one cutover at a time per resource");
    for (String key : keys.keySet()) {
      Async.procedure(
          locks::requestLock,
          new LockRequest(key, info.getWorkflowId(), info.getRunId(), info.getTaskQueue()));
    }
    Workflow.await(
        ANSWER_WAIT, () -> answers.keySet().containsAll(keys.keySet()) || env.interrupted());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> k : keys.entrySet()) {
      LockAnswer a = answers.get(k.getKey());
      if (a != null && a.granted()) {
        held.add(k.getKey());
      } else if (a != null) {
        problems.add(
            k.getValue()
                + " is held by the running cutover "
                + a.holderWorkflowId()
                + " (run "
                + a.holderRunId()
                + "): one cutover at a time per resource. Wait for it to end, or stop it (cutover"
                + " abort "
                + a.holderWorkflowId()
                + " --by NAME --reason TEXT)");
      } else if (!env.interrupted()) {
        problems.add(
            k.getValue()
                + ": its lock did not answer within "
                + ANSWER_WAIT.toMinutes()
                + " minutes (is a worker running?)");
      }
    }
    if (!problems.isEmpty()) {
      releaseAll();
    }
    env.state.details(null);
    return problems;
  }

  /**
   * Gives back everything this run holds, and waits until each release is delivered (a lock that
   * has ended meanwhile needs none). Detached: an aborted run still gives back its locks.
   */
  void releaseAll() {
    if (held.isEmpty()) {
      return;
    }
    WorkflowInfo info = Workflow.getInfo();
    List<Promise<Void>> sent = new ArrayList<>();
    Workflow.newDetachedCancellationScope(
            () -> {
              for (String key : held) {
                ResourceLockWorkflow lock =
                    Workflow.newExternalWorkflowStub(
                        ResourceLockWorkflow.class, ResourceKeys.lockWorkflowId(key));
                sent.add(
                    Async.procedure(
                        lock::release, new LockRelease(info.getWorkflowId(), info.getRunId())));
              }
              for (Promise<Void> p : sent) {
                try {
                  p.get();
                } catch (RuntimeException lockGone) {
                  // the lock workflow ended: nothing to give back
                }
              }
            })
        .run();
    held.clear();
  }
}
