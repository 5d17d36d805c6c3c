package io.cutover.api;

import java.util.List;

/**
 * A failed step with {@code onFailure: decide}, waiting for people to choose: retry it, skip it, or
 * roll back. No decision by {@code deadline} means rollback.
 *
 * @param attempt how many times the step has run (1 after its first failure)
 * @param error why the last attempt failed
 * @param evidence what the failed step found, all attempts
 * @param required true when the step may not be skipped
 * @param choices the actions that will be accepted: {@code retry}, {@code skip}, {@code rollback}
 */
public record OpenFailure(
    String step,
    String title,
    int attempt,
    String error,
    List<Evidence> evidence,
    boolean required,
    List<String> choices,
    String openedAt,
    String deadline) {
  public OpenFailure {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
