package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** No two rows of {@code table} share the same values in {@code columns}. */
public record UniqueCheck(
    String name,
    @JsonProperty(required = true) String table,
    @JsonProperty(required = true) List<String> columns)
    implements Check {
  public UniqueCheck {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }
}
