package io.cutover.api;

/**
 * Payload of the {@code decide} update the CLI uses: like the signals, but the sender learns at
 * once whether the decision was accepted.
 *
 * @param approve true for go, false for no-go
 * @param evidence, signedAt, signature as in {@link Decision}
 */
public record DecisionUpdate(
    String gate,
    String by,
    String comment,
    boolean approve,
    String evidence,
    String signedAt,
    String signature) {
  public DecisionUpdate(String gate, String by, String comment, boolean approve) {
    this(gate, by, comment, approve, null, null, null);
  }

  public Decision decision() {
    return new Decision(gate, by, comment, evidence, signedAt, signature);
  }
}
