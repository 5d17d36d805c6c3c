package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * HTTP probes that must all pass; retried every {@code interval} until {@code deadline}.
 *
 * @param deadline how long the probes may keep failing before the step fails (default 60s)
 * @param interval wait between two rounds of probes (default 1s)
 */
public record HealthStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) List<HttpProbe> probes,
    Span deadline,
    Span interval,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public HealthStep {
    probes = probes == null ? List.of() : List.copyOf(probes);
    deadline = deadline == null ? Span.ofSeconds(60) : deadline;
    interval = interval == null ? Span.ofSeconds(1) : interval;
  }
}
