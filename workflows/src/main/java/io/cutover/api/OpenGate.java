package io.cutover.api;

import java.util.List;

/**
 * The gate a run is waiting at, with what is being approved.
 *
 * @param quorum what it takes to open, e.g. {@code all of 3 (Engineering Lead, Operations Lead)};
 *     null when the first decision decides
 * @param pending listed approvers who have not decided yet
 */
public record OpenGate(
    String gate,
    String prompt,
    List<String> approvers,
    String openedAt,
    String deadline,
    List<Evidence> evidence,
    String quorum,
    List<String> pending) {
  public OpenGate {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    pending = pending == null ? List.of() : List.copyOf(pending);
  }

  public OpenGate withPending(List<String> stillToDecide) {
    return new OpenGate(gate, prompt, approvers, openedAt, deadline, evidence, quorum, stillToDecide);
  }
}
