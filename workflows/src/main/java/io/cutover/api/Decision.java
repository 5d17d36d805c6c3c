package io.cutover.api;

/**
 * Payload of the {@code approve} and {@code reject} signals: {@code {"gate": "go-no-go", "by":
 * "alice", "comment": "counts verified"}}, optionally bound to what was seen and signed.
 *
 * @param evidence the SHA-256 evidence digest the decider was shown ({@code cutover status}, the
 *     run's current details); a decision naming another digest than the gate's current one is
 *     refused. Required on gates with {@code bindEvidence: true} and in every signed decision
 * @param signedAt when the signature was made (ISO-8601); signatures older than {@link
 *     DecisionSignature#MAX_AGE} are refused
 * @param signature base64 Ed25519 signature of {@link DecisionSignature#payload}; required from an
 *     approver with a {@code publicKey} in the plan
 */
public record Decision(
    String gate, String by, String comment, String evidence, String signedAt, String signature) {
  public Decision(String gate, String by, String comment) {
    this(gate, by, comment, null, null, null);
  }

  /** The same decision as the payload of the {@code decide} update. */
  public DecisionUpdate toUpdate(boolean approve) {
    return new DecisionUpdate(gate, by, comment, approve, evidence, signedAt, signature);
  }
}
