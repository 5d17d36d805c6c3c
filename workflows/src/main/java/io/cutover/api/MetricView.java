package io.cutover.api;

import java.util.List;

/**
 * One metric of a monitor window as the status shows it.
 *
 * @param last the latest value, written in the unit its triggers use (e.g. {@code 0.4%})
 * @param recent the latest few values, oldest first
 * @param error why the latest sample has no value, if it has none
 */
public record MetricView(
    String name,
    String last,
    Double value,
    List<String> recent,
    String min,
    String max,
    String mean,
    String error) {
  public MetricView {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  /** A metric not sampled yet. */
  public static MetricView notSampled(String name) {
    return new MetricView(name, "no sample yet", null, List.of(), null, null, null, null);
  }
}
