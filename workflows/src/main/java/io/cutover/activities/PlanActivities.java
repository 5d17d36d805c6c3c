package io.cutover.activities;

import io.cutover.api.CutoverInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads and checks the workflow input on the worker, where plan files and folders live. */
@ActivityInterface
public interface PlanActivities {
  /**
   * Parses the input (a plan, or an envelope naming a plan file), substitutes variables and runs
   * every plan check. Fails with {@code INVALID_PLAN} and a message naming each problem.
   */
  @ActivityMethod
  LoadedPlan loadPlan(CutoverInput input);
}
