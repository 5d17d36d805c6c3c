package io.cutover.activities;

import io.cutover.plan.MetricSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics to read once.
 *
 * @param cursors for log metrics: where the previous sample stopped reading (none at the first
 *     sample: reading then starts at the end of the file)
 * @param windowStartMillis when the window began (epoch ms), for command metrics
 */
public record SampleRequest(
    StepContext context,
    Map<String, MetricSource> metrics,
    Map<String, LogCursor> cursors,
    long windowStartMillis) {
  public SampleRequest {
    metrics =
        metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    cursors = cursors == null ? Map.of() : Map.copyOf(cursors);
  }
}
