package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Restarts services declared under {@code resources.services}, in the order given. After each
 * service its own health probes must pass before the next one is touched.
 *
 * <p>With {@code canary}, the first service is a canary: it must also pass the canary's checks and
 * soak before the others are touched. With {@code batch}, the services after the first are
 * restarted that many at a time, each batch healthy before the next. The first unhealthy instance
 * stops the step (the rest are left untouched) and the run rolls back.
 *
 * @param batch how many instances to restart together after the first (default 1)
 */
public record RestartStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) List<String> services,
    Canary canary,
    Integer batch,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public RestartStep {
    services = services == null ? List.of() : List.copyOf(services);
  }
}
