package io.cutover.activities;

import java.util.Map;

/**
 * Heartbeat of an {@code http} step: how many requests are done (shown by {@code cutover watch} and
 * the UI like any {@code Progress}) and what they captured, so a retried attempt resumes after
 * them.
 */
public record ApiProgress(
    String unit,
    long done,
    Long total,
    long startedAtMillis,
    String note,
    Map<String, String> captures) {
  public ApiProgress {
    captures = captures == null ? Map.of() : Map.copyOf(captures);
  }
}
