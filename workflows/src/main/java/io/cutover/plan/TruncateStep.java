package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Empties tables in one transaction. A table the database declares protected is refused. */
public record TruncateStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) List<String> tables,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public TruncateStep {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
