package io.cutover.workflow;

import io.cutover.activities.RestartRequest;
import io.cutover.activities.ServiceActivities;
import io.cutover.activities.SoakRequest;
import io.cutover.activities.WatchActivities;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Canary;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Service;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restart step with a canary or batches: the first instance alone (its health probes, then the
 * canary's checks and soak), then the others {@code batch} at a time, each batch healthy before the
 * next. The first unhealthy instance stops it; instances not reached are left alone.
 */
final class CanaryRollout {
  private CanaryRollout() {}

  static StepOutcome run(RestartStep step, StepEnv env) {
    List<String> names = step.services();
    int batch = step.batch() == null ? 1 : Math.max(1, step.batch());
    List<Evidence> evidence = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    List<String> healthy = new ArrayList<>();
    List<List<String>> waves = new ArrayList<>();
    waves.add(List.of(names.get(0)));
    for (int i = 1; i < names.size(); i += batch) {
      waves.add(names.subList(i, Math.min(names.size(), i + batch)));
    }
    for (int w = 0; w < waves.size(); w++) {
      List<String> wave = waves.get(w);
      boolean canary = w == 0 && step.canary() != null;
      env.state.details((canary ? "Canary " : "Restarting ") + String.join(", ", wave));
      Map<String, Promise<StepOutcome>> running = new LinkedHashMap<>();
      for (String name : wave) {
        running.put(name, Async.function(() -> instance(step, env, name, canary)));
      }
      Map<String, String> failed = new LinkedHashMap<>();
      for (Map.Entry<String, Promise<StepOutcome>> e : running.entrySet()) {
        try {
          StepOutcome out = e.getValue().get();
          evidence.addAll(out.evidence());
          artifacts.addAll(out.artifacts());
          healthy.add(e.getKey());
        } catch (TemporalFailure f) {
          if (Failures.isCancellation(f)) {
            throw f;
          }
          failed.put(e.getKey(), Failures.describe(f));
          evidence.addAll(Failures.evidenceOf(f));
          evidence.add(
              Evidence.check(
                  e.getKey() + (canary ? " (canary)" : ""),
                  "healthy",
                  Failures.describe(f),
                  false));
        }
      }
      if (!failed.isEmpty()) {
        List<String> untouched =
            names.stream().filter(n -> !healthy.contains(n) && !failed.containsKey(n)).toList();
        evidence.add(
            Evidence.info(
                "restarted and healthy", healthy.isEmpty() ? "none" : String.join(", ", healthy)));
        evidence.add(
            Evidence.info(
                "not touched", untouched.isEmpty() ? "none" : String.join(", ", untouched)));
        Map.Entry<String, String> first = failed.entrySet().iterator().next();
        throw ApplicationFailure.newNonRetryableFailure(
            (canary ? "canary " : "instance ")
                + first.getKey()
                + " is unhealthy after its restart: "
                + first.getValue()
                + "; stopped there"
                + (untouched.isEmpty() ? "" : ", " + String.join(", ", untouched) + " not touched"),
            FailureType.HEALTH_FAILED.name(),
            new StepOutcome("stopped at " + first.getKey(), evidence, artifacts));
      }
    }
    return new StepOutcome(
        "restarted "
            + String.join(", ", names)
            + (step.canary() != null ? " (canary " + names.get(0) + " first" : " (")
            + (names.size() > 1
                ? (step.canary() != null ? ", then " : "") + "batches of " + batch + ")"
                : ")"),
        evidence,
        artifacts);
  }

  private static StepOutcome instance(RestartStep step, StepEnv env, String name, boolean canary) {
    ServiceActivities services = env.stub(ServiceActivities.class, step, Duration.ofMinutes(5));
    Service service = env.plan.resources().services().get(name);
    List<Evidence> evidence = new ArrayList<>();
    StepOutcome restarted =
        services.restartService(new RestartRequest(env.context(step), name, service));
    evidence.addAll(restarted.evidence());
    if (!service.health().isEmpty()) {
      evidence.addAll(
          HealthRunner.probeUntil(
                  env, step, service.health(), service.ready().toDuration(), Duration.ofMillis(500))
              .evidence());
    }
    if (canary) {
      Canary c = step.canary();
      if (!c.checks().isEmpty()) {
        evidence.addAll(
            HealthRunner.probeUntil(
                    env, step, c.checks(), service.ready().toDuration(), Duration.ofMillis(500))
                .evidence());
      }
      if (c.soak() != null) {
        List<HttpProbe> probes = new ArrayList<>(service.health());
        probes.addAll(c.checks());
        Duration soak = c.soak().toDuration();
        ActivityOptions options =
            ActivityOptions.newBuilder(env.options(step, soak.plusSeconds(30)))
                .setStartToCloseTimeout(soak.plusSeconds(30))
                .build();
        WatchActivities watch = Workflow.newActivityStub(WatchActivities.class, options);
        evidence.add(
            Evidence.info(
                name + " soak",
                watch
                    .soak(
                        new SoakRequest(
                            env.context(step),
                            name,
                            probes,
                            soak.toMillis(),
                            c.interval().millis()))
                    .summary()));
      }
    }
    evidence.addAll(ServiceIdentity.confirm(services, env, step, name, service));
    return new StepOutcome("restarted " + name, evidence, restarted.artifacts());
  }
}
