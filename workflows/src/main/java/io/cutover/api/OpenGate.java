package io.cutover.api;

import java.util.List;

/** The gate a run is waiting at, with what is being approved. */
public record OpenGate(
    String gate,
    String prompt,
    List<String> approvers,
    String openedAt,
    String deadline,
    List<Evidence> evidence) {
  public OpenGate {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
