package io.cutover.cli;

import io.cutover.plan.Plan;
import java.util.List;

/**
 * What a valid plan would run: its names, the workflow id it starts as, its steps and rollback
 * steps.
 */
record PlanSummary(
    String name,
    String anchor,
    String target,
    String workflowId,
    List<StepSummary> steps,
    List<StepSummary> rollback) {

  static PlanSummary of(Plan p) {
    return new PlanSummary(
        p.name(),
        p.anchor(),
        p.target(),
        p.workflowId(),
        p.steps().stream().map(StepSummary::of).toList(),
        p.rollback().stream().map(StepSummary::of).toList());
  }
}
