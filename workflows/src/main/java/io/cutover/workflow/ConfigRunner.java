package io.cutover.workflow;

import io.cutover.activities.ConfigActivities;
import io.cutover.activities.ConfigRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ConfigStep;
import java.time.Duration;

/** Sets configuration keys; restoring the old file is registered first. */
final class ConfigRunner implements StepRunner<ConfigStep> {
  @Override
  public StepOutcome run(ConfigStep step, StepEnv env) {
    ConfigActivities config = env.stub(ConfigActivities.class, step, Duration.ofMinutes(2));
    ConfigRequest request = new ConfigRequest(env.context(step), step);
    env.compensate(
        "config:" + step.id(),
        step,
        "restore " + step.file() + " as it was before step '" + step.id() + "'",
        "copy the kept original ("
            + step.file()
            + " sibling named ."
            + "<name>.cutover-*.orig) back over "
            + step.file(),
        () -> config.restoreConfig(request));
    return config.setConfig(request);
  }
}
