package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Calls an HTTP API: requests in order, each with a JSON body template, secret headers resolved on
 * the worker, the status codes that mean success, JSON-path assertions and captured ids. A {@code
 * 429 Too Many Requests} is waited out as its {@code Retry-After} says (up to {@code retryAfterMax}
 * per wait, heartbeating) instead of failing. Requests with an {@code undo} make the step
 * destructive: the undo requests are registered before the step runs and, on rollback, run newest
 * first with the ids captured so far.
 *
 * @param retryAfterMax the longest single wait a Retry-After may ask for (default 60s)
 */
public record HttpStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) List<HttpCall> requests,
    Span retryAfterMax,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public HttpStep {
    requests = requests == null ? List.of() : List.copyOf(requests);
    retryAfterMax = retryAfterMax == null ? Span.ofSeconds(60) : retryAfterMax;
  }

  @Override
  public boolean destructive() {
    return requests.stream().anyMatch(r -> r.undo() != null);
  }
}
