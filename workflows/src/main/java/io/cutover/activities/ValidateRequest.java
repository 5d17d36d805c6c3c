package io.cutover.activities;

import io.cutover.plan.Check;
import java.util.List;
import java.util.Map;

/**
 * @param fingerprints protected table to content checksum, taken when the run began
 * @param peers the other databases that parity checks compare with, by plan name
 */
public record ValidateRequest(
    StepContext context,
    DbRef db,
    List<Check> checks,
    Map<String, String> fingerprints,
    Map<String, DbRef> peers) {
  public ValidateRequest {
    checks = checks == null ? List.of() : List.copyOf(checks);
    fingerprints = fingerprints == null ? Map.of() : Map.copyOf(fingerprints);
    peers = peers == null ? Map.of() : Map.copyOf(peers);
  }

  public ValidateRequest(
      StepContext context, DbRef db, List<Check> checks, Map<String, String> fingerprints) {
    this(context, db, checks, fingerprints, Map.of());
  }
}
