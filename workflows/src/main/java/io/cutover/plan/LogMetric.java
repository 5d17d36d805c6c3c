package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The number of lines of a log file matching any of {@code patterns} (Java regular expressions,
 * e.g. {@code ERROR|CRITICAL} or {@code RLS|data leak}) written since the window began. Lines
 * already in the file when the window starts are not counted; a rotated or truncated file is read
 * again from its start.
 */
public record LogMetric(
    @JsonProperty(required = true) String file,
    @JsonProperty(required = true) List<String> patterns)
    implements MetricSource {
  public LogMetric {
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
  }

  @Override
  public String display() {
    return "count";
  }
}
