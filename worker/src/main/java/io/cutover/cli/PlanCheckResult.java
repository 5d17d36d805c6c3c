package io.cutover.cli;

import io.cutover.activities.plan.PlanProblem;
import java.util.List;

/**
 * {@code cutover plan check --output json}: whether the plan may run, every problem found in it
 * (file, line, column, path inside the plan and message, as the text output names them), and what
 * it would run when it is valid.
 *
 * @param plan null when the plan is not valid
 */
record PlanCheckResult(String file, boolean valid, List<PlanProblem> problems, PlanSummary plan) {}
