package io.cutover.workflow;

import io.cutover.activities.DataActivities;
import io.cutover.activities.SqlRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.SqlStep;
import java.time.Duration;

final class SqlRunner implements StepRunner<SqlStep> {
  @Override
  public StepOutcome run(SqlStep step, StepEnv env) {
    Restores.registerRestore(step, env);
    DataActivities data = env.stub(DataActivities.class, step, Duration.ofHours(1));
    return data.runSql(new SqlRequest(env.context(step), env.db(step.database()), step));
  }
}
