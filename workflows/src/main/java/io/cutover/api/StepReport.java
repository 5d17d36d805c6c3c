package io.cutover.api;

import java.util.List;

/** One step as the status query and the final report show it. */
public record StepReport(
    String id,
    String type,
    String title,
    String host,
    StepStatus status,
    String startedAt,
    String endedAt,
    String summary,
    String error,
    List<Evidence> evidence,
    List<String> artifacts) {
  public StepReport {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }
}
