package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The same ordered slice of a table on both sides, as a list endpoint pages through it: rows {@code
 * offset} to {@code offset + limit} ordered by {@code orderBy}, compared in order.
 *
 * @param orderBy columns, each optionally followed by {@code desc}, e.g. {@code [SortOrder, Id]}
 */
public record ParitySliceCheck(
    String name,
    @JsonProperty(required = true) String against,
    @JsonProperty(required = true) String table,
    @JsonProperty(required = true) List<String> orderBy,
    List<String> columns,
    Integer offset,
    Integer limit)
    implements ParityCheck {
  public ParitySliceCheck {
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    columns = columns == null ? List.of() : List.copyOf(columns);
    offset = offset == null ? 0 : offset;
    limit = limit == null ? 50 : limit;
  }
}
