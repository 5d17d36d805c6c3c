package io.cutover.workflow;

import io.cutover.api.StepOutcome;
import io.cutover.plan.Step;

/**
 * Runs one step type inside the workflow: calls its activities and registers its compensation
 * before it changes anything. Workflow code: deterministic, {@code Workflow.*} only.
 */
interface StepRunner<S extends Step> {
  StepOutcome run(S step, StepEnv env);
}
