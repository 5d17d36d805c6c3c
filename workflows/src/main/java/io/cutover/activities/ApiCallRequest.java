package io.cutover.activities;

import io.cutover.plan.HttpCall;
import java.util.List;

/** The requests of an {@code http} step, and the longest Retry-After wait it accepts. */
public record ApiCallRequest(
    StepContext context, List<HttpCall> requests, long retryAfterMaxMillis) {
  public ApiCallRequest {
    requests = requests == null ? List.of() : List.copyOf(requests);
  }
}
