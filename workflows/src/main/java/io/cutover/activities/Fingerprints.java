package io.cutover.activities;

import java.util.Map;

/** Table name to an ordered content checksum (SHA-256 over every row, in key order). */
public record Fingerprints(Map<String, String> tables) {
  public Fingerprints {
    tables = tables == null ? Map.of() : Map.copyOf(tables);
  }
}
