package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Read-only checks against a database. Every check runs; if any says "no" the step fails without
 * retry, carrying all the evidence.
 */
public record ValidateStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) List<Check> checks,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public ValidateStep {
    checks = checks == null ? List.of() : List.copyOf(checks);
  }
}
