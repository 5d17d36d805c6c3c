package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One CSV file of an {@code import-csv} step.
 *
 * @param file path, relative to the plan's folder
 * @param table target table
 * @param columns CSV header to column name; when absent every header is a column of that name. A
 *     header mapped to an empty string is skipped.
 * @param types column to type; untyped columns are stored as text
 * @param nulls cell values stored as NULL (default: the empty cell)
 * @param delimiter field separator, one character (default {@code ,})
 */
public record CsvFile(
    @JsonProperty(required = true) String file,
    @JsonProperty(required = true) String table,
    Map<String, String> columns,
    Map<String, ColumnType> types,
    List<String> nulls,
    String delimiter) {
  public CsvFile {
    columns = columns == null ? Map.of() : Map.copyOf(columns);
    types = types == null ? Map.of() : Map.copyOf(types);
    nulls = nulls == null ? List.of("") : List.copyOf(nulls);
    delimiter = delimiter == null ? "," : delimiter;
  }
}
