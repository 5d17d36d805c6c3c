package io.cutover.api;

/**
 * Payload of the {@code release} signal, which ends a running {@code hold} step early: {@code
 * {"step": "queue-drained", "by": "alice", "reason": "queue checked by hand"}}. {@code by} and
 * {@code reason} are required; {@code step}, when given, must name the hold that is running. A
 * release that does not meet that is refused, and the refusal is kept in the run's audit trail.
 */
public record ReleaseRequest(String step, String by, String reason) {}
