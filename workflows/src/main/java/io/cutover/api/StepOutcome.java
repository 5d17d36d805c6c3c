package io.cutover.api;

import java.util.List;

/**
 * What a step's activities report back: a one-line summary, the evidence, and files written
 * (backups, evidence files, logs).
 */
public record StepOutcome(String summary, List<Evidence> evidence, List<String> artifacts) {
  public StepOutcome {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }

  public static StepOutcome of(String summary) {
    return new StepOutcome(summary, List.of(), List.of());
  }
}
