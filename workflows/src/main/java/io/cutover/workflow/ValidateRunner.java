package io.cutover.workflow;

import io.cutover.activities.DbRef;
import io.cutover.activities.ValidateActivities;
import io.cutover.activities.ValidateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Check;
import io.cutover.plan.ParityCheck;
import io.cutover.plan.ValidateStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

final class ValidateRunner implements StepRunner<ValidateStep> {
  @Override
  public StepOutcome run(ValidateStep step, StepEnv env) {
    ValidateActivities checks = env.stub(ValidateActivities.class, step, Duration.ofMinutes(30));
    Map<String, DbRef> peers = new LinkedHashMap<>();
    for (Check c : step.checks()) {
      if (c instanceof ParityCheck p) {
        peers.put(p.against(), env.db(p.against()));
      }
    }
    return checks.validate(
        new ValidateRequest(
            env.context(step),
            env.db(step.database()),
            step.checks(),
            env.fingerprintsOf(step.database()),
            peers));
  }
}
