package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Loads CSV files into tables, one transaction per file. */
public record ImportCsvStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) List<CsvFile> files,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public ImportCsvStep {
    files = files == null ? List.of() : List.copyOf(files);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
