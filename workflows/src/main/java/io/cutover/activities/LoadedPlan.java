package io.cutover.activities;

import io.cutover.plan.Plan;

/** A plan that parsed and passed every check, with variables substituted. */
public record LoadedPlan(Plan plan, boolean dryRun, String source, boolean rehearse) {
  public LoadedPlan(Plan plan, boolean dryRun, String source) {
    this(plan, dryRun, source, false);
  }

  public LoadedPlan withRehearse(boolean rehearse) {
    return new LoadedPlan(plan, dryRun, source, rehearse);
  }
}
