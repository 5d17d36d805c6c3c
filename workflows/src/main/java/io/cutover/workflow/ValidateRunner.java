package io.cutover.workflow;

import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ValidateStep;
import java.time.Duration;

final class ValidateRunner implements StepRunner<ValidateStep> {
  @Override
  public StepOutcome run(ValidateStep step, StepEnv env) {
    ValidateActivities checks = env.stub(ValidateActivities.class, step, Duration.ofMinutes(30));
    return checks.validate(
        new ValidateRequest(env.context(step), env.db(step.database()), step.checks(),
            env.fingerprintsOf(step.database())));
  }
}
