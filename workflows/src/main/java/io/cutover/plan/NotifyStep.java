package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Sends a message now (e.g. "maintenance starts in 5 minutes") to {@code url}, or, without one, to
 * every hook under the plan's {@code notify}. Never fails the run: an undelivered message is
 * recorded in the step's evidence.
 */
public record NotifyStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String message,
    String url,
    Map<String, String> headers,
    Object body,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public NotifyStep {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
