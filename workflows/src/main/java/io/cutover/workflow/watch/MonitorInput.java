package io.cutover.workflow.watch;

import io.cutover.activities.StepContext;
import io.cutover.plan.MonitorStep;
import java.util.Map;

/**
 * Input of a monitor window's workflow, and what it carries into each new run when it continues as
 * new.
 *
 * @param parentWorkflowId the cutover to report progress and decisions to; null for none
 * @param baseline values captured before the switch, by metric
 * @param startMillis when the window began (epoch ms): sample k is due at start + k * interval
 * @param state null at the start; the window's state in every later run
 */
public record MonitorInput(
    MonitorStep step,
    StepContext context,
    String parentWorkflowId,
    Map<String, Double> baseline,
    long startMillis,
    MonitorState state) {
  public MonitorInput {
    baseline = baseline == null ? Map.of() : Map.copyOf(baseline);
  }

  public MonitorInput next(MonitorState s) {
    return new MonitorInput(step, context, parentWorkflowId, baseline, startMillis, s);
  }
}
