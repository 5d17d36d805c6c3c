package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Each table has the same content here and in {@code against}: both sides are read in primary key
 * order, every value normalized by the column's type (integers, exact doubles, booleans, dates and
 * timestamps, text, bytes, NULL) so that equal data gives an equal SHA-256 on SQLite and
 * PostgreSQL. Every key that is missing, extra or different goes to the evidence file.
 *
 * @param tables tables to compare (default: every table of {@code against})
 */
public record ParityChecksumCheck(
    String name, @JsonProperty(required = true) String against, List<String> tables)
    implements ParityCheck {
  public ParityChecksumCheck {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
