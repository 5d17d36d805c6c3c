package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Restarts services declared under {@code resources.services}, in the order given. After each
 * service its own health probes must pass before the next one is touched.
 */
public record RestartStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) List<String> services)
    implements Step {
  public RestartStep {
    services = services == null ? List.of() : List.copyOf(services);
  }
}
