package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Row counts of each table here and in the database named by {@code against} are equal.
 *
 * @param tables tables to compare (default: every table of {@code against})
 */
public record ParityCountCheck(
    String name, @JsonProperty(required = true) String against, List<String> tables)
    implements ParityCheck {
  public ParityCountCheck {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
