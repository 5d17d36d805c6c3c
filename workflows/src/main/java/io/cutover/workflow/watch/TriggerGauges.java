package io.cutover.workflow.watch;

import com.uber.m3.tally.Scope;
import io.cutover.plan.Condition;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * A monitor window's triggers as live gauges, so a dashboard shows each value against its limit and
 * an alert can fire when one comes near it, while the window runs (hours to a day): {@code
 * cutover_monitor_trigger_value}, {@code _limit} and {@code _closeness} (value / limit for an upper
 * bound, limit / value for a lower one: 1.0 at the limit, +Inf past a zero limit), tagged {@code
 * workflow_id} (the cutover's), {@code step} and {@code trigger}. Emitted through {@link
 * Workflow#getMetricsScope()}, which is silent while a worker replays, so replays and
 * continue-as-new change nothing. When the window ends every gauge is set to NaN: a trigger that no
 * longer watches anything must not keep an alert firing.
 */
public final class TriggerGauges {
  private TriggerGauges() {}

  /** The current value, limit and closeness of every trigger of the window. */
  public static void publish(Window window, MonitorState state) {
    for (Map.Entry<String, TriggerState> e : state.triggers.entrySet()) {
      TriggerState ts = e.getValue();
      Condition c = window.condition(e.getKey());
      Double close = c == null ? null : c.closeness(ts.value, ts.limit);
      emit(window, e.getKey(), nan(ts.value), nan(ts.limit), nan(close));
    }
  }

  /** The window is over: no trigger reports a value any more. */
  public static void clear(Window window, MonitorState state) {
    for (String trigger : state.triggers.keySet()) {
      emit(window, trigger, Double.NaN, Double.NaN, Double.NaN);
    }
  }

  private static void emit(
      Window window, String trigger, double value, double limit, double closeness) {
    String cutover =
        Workflow.getInfo().getParentWorkflowId().orElse(Workflow.getInfo().getWorkflowId());
    Scope scope =
        Workflow.getMetricsScope()
            .tagged(Map.of("workflow_id", cutover, "step", window.step().id(), "trigger", trigger));
    scope.gauge("cutover_monitor_trigger_value").update(value);
    scope.gauge("cutover_monitor_trigger_limit").update(limit);
    scope.gauge("cutover_monitor_trigger_closeness").update(closeness);
  }

  private static double nan(Double d) {
    return d == null ? Double.NaN : d;
  }
}
