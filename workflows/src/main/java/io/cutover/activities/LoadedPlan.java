package io.cutover.activities;

import io.cutover.plan.Plan;

/** A plan that parsed and passed every check, with variables substituted. */
public record LoadedPlan(
    Plan plan, boolean dryRun, String source, boolean rehearse, String sha256, String startedBy) {
  public LoadedPlan(Plan plan, boolean dryRun, String source) {
    this(plan, dryRun, source, false, null, null);
  }

  public LoadedPlan withRehearse(boolean rehearse) {
    return new LoadedPlan(plan, dryRun, source, rehearse, sha256, startedBy);
  }

  /** With the audit facts the plan activity adds: the plan's SHA-256 and who started the run. */
  public LoadedPlan withAudit(String sha256, String startedBy) {
    return new LoadedPlan(plan, dryRun, source, rehearse, sha256, startedBy);
  }
}
