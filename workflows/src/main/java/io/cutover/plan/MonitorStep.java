package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stabilization window: samples {@code metrics} every {@code interval} for {@code window}
 * (minutes to days), fires {@code triggers} whose condition held long enough, and runs {@code
 * checkpoints} at their offsets. Sampling is a short activity and the wait between samples a
 * durable timer; the window runs as a child workflow that continues as new to keep its history
 * short, so a 24-hour window survives worker restarts without restarting or double counting.
 *
 * @param interval time between two samples (default 10s)
 * @param nominal the window length that checkpoint offsets and trigger durations ({@code for},
 *     {@code over}) are written for; when {@code window} differs (a rehearsal with {@code --var
 *     window=60s}) they all scale by {@code window / nominal}. Without it nothing scales.
 * @param deciders who may decide {@code decide} triggers (default: anyone)
 * @param decideWithin default deadline of {@code decide} triggers (default 15m); a monitor takes no
 *     {@code onFailure: decide} of its own (its triggers and checkpoints decide), so this is the
 *     only deadline it has
 */
public record MonitorStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) Span window,
    Span interval,
    Span nominal,
    @JsonProperty(required = true) Map<String, MetricSource> metrics,
    List<Trigger> triggers,
    List<Checkpoint> checkpoints,
    List<Approver> deciders,
    Span decideWithin,
    OnFailure onFailure,
    Boolean required)
    implements Step {
  public MonitorStep {
    interval = interval == null ? Span.ofSeconds(10) : interval;
    metrics =
        metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    deciders = deciders == null ? List.of() : List.copyOf(deciders);
  }

  /** Multiplier applied to offsets and hold durations: {@code window / nominal}, or 1. */
  public double scale() {
    return nominal == null || nominal.millis() == 0
        ? 1.0
        : (double) window.millis() / nominal.millis();
  }
}
