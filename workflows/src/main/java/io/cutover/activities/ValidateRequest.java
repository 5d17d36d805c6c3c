package io.cutover.activities;

import io.cutover.plan.Check;
import java.util.List;
import java.util.Map;

/**
 * @param fingerprints protected table to content checksum, taken when the run began
 */
public record ValidateRequest(
    StepContext context, DbRef db, List<Check> checks, Map<String, String> fingerprints) {
  public ValidateRequest {
    checks = checks == null ? List.of() : List.copyOf(checks);
    fingerprints = fingerprints == null ? Map.of() : Map.copyOf(fingerprints);
  }
}
