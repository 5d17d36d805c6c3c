package io.cutover.api;

/**
 * Payload of the {@code decide} update the CLI uses: like the signals, but the sender learns at
 * once whether the decision was accepted.
 *
 * @param approve true for go, false for no-go
 */
public record DecisionUpdate(String gate, String by, String comment, boolean approve) {
  public Decision decision() {
    return new Decision(gate, by, comment);
  }
}
