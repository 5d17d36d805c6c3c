package io.cutover.workflow;

import io.cutover.activities.RestartRequest;
import io.cutover.activities.ServiceActivities;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Restarts services one after another; each must pass its own health probes before the next is
 * touched, so a bad release stops at the first instance.
 */
final class RestartRunner implements StepRunner<RestartStep> {
  @Override
  public StepOutcome run(RestartStep step, StepEnv env) {
    if (step.canary() != null || (step.batch() != null && step.batch() > 1)) {
      return CanaryRollout.run(step, env);
    }
    ServiceActivities services = env.stub(ServiceActivities.class, step, Duration.ofMinutes(5));
    List<Evidence> evidence = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    for (String name : step.services()) {
      Service service = env.plan.resources().services().get(name);
      env.state.details("Restarting " + name);
      StepOutcome restarted =
          services.restartService(new RestartRequest(env.context(step), name, service));
      evidence.addAll(restarted.evidence());
      artifacts.addAll(restarted.artifacts());
      if (!service.health().isEmpty()) {
        env.state.details("Waiting for " + name + " to be healthy");
        StepOutcome healthy =
            HealthRunner.probeUntil(
                env, step, service.health(), service.ready().toDuration(), Duration.ofMillis(500));
        evidence.addAll(healthy.evidence());
      }
      evidence.addAll(ServiceIdentity.confirm(services, env, step, name, service));
    }
    return new StepOutcome("restarted " + String.join(", ", step.services()), evidence, artifacts);
  }
}
