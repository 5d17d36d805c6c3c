package io.cutover.api;

/**
 * Payload of the {@code retry} and {@code skip} signals, for the failed step that waits for a
 * decision: {@code {"step": "import", "by": "alice", "comment": "disk space freed"}}. A skip needs
 * a comment. A refused signal is recorded in the audit trail; the {@code recover} update answers
 * the sender instead.
 */
public record StepDecision(String step, String by, String comment) {
  public RecoverRequest as(String action) {
    return new RecoverRequest(step, action, by, comment);
  }
}
