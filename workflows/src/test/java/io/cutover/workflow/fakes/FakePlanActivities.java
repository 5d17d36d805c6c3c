package io.cutover.workflow.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.LoadedPlan;
import io.cutover.activities.PlanActivities;
import io.cutover.api.CutoverInput;
import io.cutover.api.FailureType;
import io.cutover.plan.Plan;
import io.temporal.failure.ApplicationFailure;

/** Binds the {@code {"plan": ..., "baseDir": ..., "dryRun": ...}} input the tests send. */
public final class FakePlanActivities implements PlanActivities {
  @Override
  public LoadedPlan loadPlan(CutoverInput input) {
    JsonNode in = TestPlans.STRICT.valueToTree(input == null ? null : input.raw());
    if (in == null || !in.has("plan")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "test input without a plan", FailureType.INVALID_PLAN.name());
    }
    Plan plan = TestPlans.bind(in.get("plan")).withBaseDir(in.path("baseDir").asText());
    return new LoadedPlan(plan, in.path("dryRun").asBoolean(false), "test")
        .withAudit("test-sha256", "test");
  }
}
