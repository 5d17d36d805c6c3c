package io.cutover.activities;

import java.util.List;

public record FingerprintRequest(StepContext context, DbRef db, List<String> tables) {
  public FingerprintRequest {
    tables = tables == null ? List.of() : List.copyOf(tables);
  }
}
