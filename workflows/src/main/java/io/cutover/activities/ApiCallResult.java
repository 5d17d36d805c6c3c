package io.cutover.activities;

import io.cutover.api.StepOutcome;
import java.util.Map;

/** What an {@code http} step did, and the values (ids) its requests captured. */
public record ApiCallResult(StepOutcome outcome, Map<String, String> captures) {
  public ApiCallResult {
    captures = captures == null ? Map.of() : Map.copyOf(captures);
  }
}
