package io.cutover.activities;

import io.cutover.plan.Plan;

/** A plan that parsed and passed every check, with variables substituted. */
public record LoadedPlan(Plan plan, boolean dryRun, String source) {}
