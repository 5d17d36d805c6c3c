package io.cutover.api;

import java.util.List;

/**
 * The gate a run is waiting at, with what is being approved.
 *
 * @param quorum what it takes to open, e.g. {@code all of 3 (Engineering Lead, Operations Lead)};
 *     null when the first decision decides
 * @param pending listed approvers who have not decided yet
 * @param digest SHA-256 of the evidence's canonical JSON: what a decision bound to the evidence
 *     names ({@code cutover approve} sends the one it showed)
 */
public record OpenGate(
    String gate,
    String prompt,
    List<String> approvers,
    String openedAt,
    String deadline,
    List<Evidence> evidence,
    String quorum,
    List<String> pending,
    String digest) {
  public OpenGate {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    pending = pending == null ? List.of() : List.copyOf(pending);
  }

  public OpenGate withPending(List<String> stillToDecide) {
    return new OpenGate(
        gate, prompt, approvers, openedAt, deadline, evidence, quorum, stillToDecide, digest);
  }

  /** The gate showing new evidence (and its digest); everyone listed is asked again. */
  public OpenGate withEvidence(
      List<Evidence> changed, String changedDigest, List<String> stillToDecide) {
    return new OpenGate(
        gate, prompt, approvers, openedAt, deadline, changed, quorum, stillToDecide, changedDigest);
  }
}
