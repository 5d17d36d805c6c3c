package io.cutover.activities;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One reading per metric, in the request's order. */
public record SampleResult(Map<String, Reading> readings) {
  public SampleResult {
    readings =
        readings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(readings));
  }
}
