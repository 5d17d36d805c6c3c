package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Runs a SQL script file or a list of statements in one transaction. */
public record SqlStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    String file,
    List<String> statements,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public SqlStep {
    statements = statements == null ? List.of() : List.copyOf(statements);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
