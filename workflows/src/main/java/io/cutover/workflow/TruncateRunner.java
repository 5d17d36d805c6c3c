package io.cutover.workflow;

import io.cutover.activities.DataActivities;
import io.cutover.activities.TruncateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.TruncateStep;
import java.time.Duration;

final class TruncateRunner implements StepRunner<TruncateStep> {
  @Override
  public StepOutcome run(TruncateStep step, StepEnv env) {
    Restores.registerRestore(step, env);
    DataActivities data = env.stub(DataActivities.class, step, Duration.ofMinutes(30));
    return data.truncate(new TruncateRequest(env.context(step), env.db(step.database()), step));
  }
}
