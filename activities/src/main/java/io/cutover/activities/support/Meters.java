package io.cutover.activities.support;

import io.temporal.activity.Activity;
import java.util.Map;

/**
 * Cutover's activity-side metrics, through the worker's metrics scope (Prometheus with {@code
 * cutover worker --metrics-port}). Silent outside an activity.
 */
public final class Meters {
  private Meters() {}

  /** Rows (or records) a step moved into its target: {@code cutover_rows_copied_total{type}}. */
  public static void rowsCopied(String stepType, long rows) {
    if (rows <= 0) {
      return;
    }
    try {
      Activity.getExecutionContext()
          .getMetricsScope()
          .tagged(Map.of("type", stepType))
          .counter("cutover_rows_copied")
          .inc(rows);
    } catch (RuntimeException notInAnActivity) {
      // Called from a plain test or tool: nothing to report to.
    }
  }

  /**
   * How fast a running copy moves rows now: {@code cutover_copy_rows_per_second{step}}, updated
   * with each heartbeat while rows move, NaN in its other phases and once it ends (so a dashboard
   * and an alert tell a stalled copy, 0, from one that is not copying rows).
   */
  public static void rowsPerSecond(String stepId, double rate) {
    try {
      Activity.getExecutionContext()
          .getMetricsScope()
          .tagged(Map.of("step", stepId))
          .gauge("cutover_copy_rows_per_second")
          .update(rate);
    } catch (RuntimeException notInAnActivity) {
      // As above.
    }
  }
}
