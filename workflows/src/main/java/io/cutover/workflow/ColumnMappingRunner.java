package io.cutover.workflow;

import io.cutover.activities.ApiActivities;
import io.cutover.activities.ColumnCheckRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ColumnMappingStep;
import java.time.Duration;

/** Read-only: compares the job's column mapping with the board. */
final class ColumnMappingRunner implements StepRunner<ColumnMappingStep> {
  @Override
  public StepOutcome run(ColumnMappingStep step, StepEnv env) {
    return env.stub(ApiActivities.class, step, Duration.ofMinutes(5))
        .checkColumns(new ColumnCheckRequest(env.context(step), step));
  }
}
