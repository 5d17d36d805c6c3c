package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Captures the metrics of a later {@code monitor} step before the switch, so that its triggers can
 * compare with them ({@code error_rate > 2x baseline}). Counters and histograms are measured over
 * the whole {@code duration} (a rate, a ratio, a quantile); other metrics are averaged.
 *
 * @param monitor id of the monitor step whose metrics are captured
 * @param metrics which of them (default: all)
 * @param duration how long to sample (default 1m)
 * @param interval time between two samples (default 10s)
 */
public record BaselineStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String monitor,
    List<String> metrics,
    Span duration,
    Span interval,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public BaselineStep {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    duration = duration == null ? Span.ofSeconds(60) : duration;
    interval = interval == null ? Span.ofSeconds(10) : interval;
  }
}
