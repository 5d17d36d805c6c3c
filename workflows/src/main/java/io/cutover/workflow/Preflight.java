package io.cutover.workflow;

import io.cutover.activities.PreflightActivities;
import io.cutover.activities.PreflightRequest;
import io.cutover.activities.PreflightResult;
import io.cutover.plan.Step;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Before the first step, every worker that will run steps checks its share of the plan at once (the
 * shared queue's worker, and one worker on each host the plan names): references resolve, programs
 * exist, databases answer, service ports are free. A host with no worker is a problem too, after
 * its {@code workerWait}. All problems are collected; any one stops the run before it changes
 * anything.
 *
 * <p>Runs started before preflight existed replay without it: {@link Workflow#getVersion} change id
 * {@value #CHANGE_ID}.
 */
final class Preflight {
  static final String CHANGE_ID = "preflight";
  private static final Logger log = Workflow.getLogger(Preflight.class);

  private Preflight() {}

  /** The problems found; empty when the run may start (or when this run predates preflight). */
  static List<String> run(StepEnv env) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) < 1) {
      return List.of();
    }
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(null);
    for (Step s : env.plan.steps()) {
      hosts.add(s.host());
    }
    for (Step s : env.plan.rollback()) {
      hosts.add(s.host());
    }
    env.state.details(
        "Preflight: checking references, programs, databases and ports on "
            + hosts.size()
            + " worker(s)");
    Map<String, Promise<PreflightResult>> answers = new LinkedHashMap<>();
    for (String host : hosts) {
      ActivityOptions.Builder o =
          ActivityOptions.newBuilder(StepEnv.DEFAULT_OPTIONS)
              .setStartToCloseTimeout(Duration.ofMinutes(2))
              .setSummary("preflight" + (host == null ? "" : ": host " + host));
      if (host != null) {
        o.setTaskQueue(HostWait.queue(host))
            .setScheduleToStartTimeout(HostWait.workerWait(env.plan, host));
      }
      PreflightActivities checks = Workflow.newActivityStub(PreflightActivities.class, o.build());
      answers.put(
          host,
          Async.function(
              checks::check, new PreflightRequest(env.context("preflight"), host, env.plan)));
    }
    // While a host's worker has not taken its checks, its steps say so (status query, cutover
    // watch).
    for (String host : hosts) {
      if (host != null) {
        env.plan.steps().stream()
            .filter(s -> host.equals(s.host()))
            .map(s -> env.state.step(s.id()))
            .forEach(
                rec ->
                    rec.summary =
                        "waiting for a worker on host '"
                            + host
                            + "' (task queue "
                            + HostWait.queue(host)
                            + ") to run the"
                            + " preflight checks; gives up after "
                            + HostWait.workerWait(env.plan, host).toSeconds()
                            + "s");
      }
    }
    Workflow.await(
        () -> answers.values().stream().allMatch(Promise::isCompleted) || env.interrupted());
    for (Step s : env.plan.steps()) {
      env.state.step(s.id()).summary = null;
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Promise<PreflightResult>> e : answers.entrySet()) {
      String where = e.getKey() == null ? "" : "host '" + e.getKey() + "': ";
      if (!e.getValue().isCompleted()) {
        continue; // interrupted: the caller treats the abort as any other
      }
      try {
        PreflightResult r = e.getValue().get();
        log.info(
            "Preflight on {}: {} checks, {} problem(s)",
            r.worker(),
            r.checked(),
            r.problems().size());
        r.problems().forEach(p -> problems.add(where + p));
      } catch (ActivityFailure f) {
        problems.add(
            e.getKey() != null && HostWait.isScheduleToStart(f)
                ? HostWait.noWorkerFor(e.getKey(), HostWait.workerWait(env.plan, e.getKey()))
                : where + "the checks could not run: " + Failures.describe(f));
      }
    }
    env.state.details(null);
    return problems;
  }
}
