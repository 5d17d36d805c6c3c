package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Checks that every column a sync job's configuration maps exists on the target board with the type
 * the job writes, and reports every mismatch at once (a dropdown in development can be a text
 * column in production). The mapping is read from the job's own TOML configuration, so the check
 * and the job cannot drift apart; the columns come from the board API.
 *
 * @param config the job's TOML file, relative to the plan's folder
 * @param mapping dotted path of the mapping table in it, e.g. {@code monday.production.columns};
 *     each entry is {@code "FIELD" = {id = "column id", type = "dropdown"}}
 * @param url the API address that lists the board's columns
 * @param headers request headers; secrets only as {@code ${env:..}} / {@code ${file:..}}
 * @param columnsPath JSON path of the column list in the answer (default {@code $.columns}); each
 *     column has {@code id}, {@code type} and {@code title}
 */
public record ColumnMappingStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String config,
    @JsonProperty(required = true) String mapping,
    @JsonProperty(required = true) String url,
    Map<String, String> headers,
    String columnsPath,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public ColumnMappingStep {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    columnsPath = columnsPath == null ? "$.columns" : columnsPath;
  }
}
