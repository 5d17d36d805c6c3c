package io.cutover.workflow;

import io.cutover.activities.RestartRequest;
import io.cutover.activities.ServiceActivities;
import io.cutover.api.Evidence;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Service;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * After a restarted service's health passed (and its canary checks and soak): the process Cutover
 * started is the one running and holding the probed ports. Without this, a service that died at
 * start passed on the health of whatever else listened on its port.
 *
 * <p>Runs started before this check existed replay without it: {@link Workflow#getVersion} change
 * id {@value #CHANGE_ID}.
 */
final class ServiceIdentity {
  static final String CHANGE_ID = "service-identity";

  private ServiceIdentity() {}

  static List<Evidence> confirm(
      ServiceActivities services, StepEnv env, RestartStep step, String name, Service service) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) < 1) {
      return List.of();
    }
    return services.confirmRunning(new RestartRequest(env.context(step), name, service)).evidence();
  }
}
