package io.cutover.api;

/**
 * A decision received for a gate. Decisions that were not applied (gate not open, approver not
 * listed) are kept too, with {@code accepted=false} and the reason.
 *
 * @param decision APPROVE, REJECT, TIMEOUT or ABORT
 */
public record ApprovalRecord(
    String gate,
    String decision,
    String by,
    String role,
    String comment,
    String at,
    boolean accepted,
    String reason) {}
