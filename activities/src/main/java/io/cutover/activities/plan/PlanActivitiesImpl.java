package io.cutover.activities.plan;

import io.cutover.activities.LoadedPlan;
import io.cutover.activities.PlanActivities;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverInput;
import io.cutover.api.FailureType;

public class PlanActivitiesImpl implements PlanActivities {
  @Override
  public LoadedPlan loadPlan(CutoverInput input) {
    try {
      return PlanLoader.loadInput(Json.MAPPER.valueToTree(input == null ? null : input.raw()));
    } catch (PlanException e) {
      throw Fail.of(FailureType.INVALID_PLAN, e.getMessage());
    }
  }
}
