package io.cutover.api;

/**
 * Payload of the {@code pause} and {@code resume} signals: {@code {"by": "alice", "comment":
 * "waiting for the vendor"}}.
 */
public record PauseRequest(String by, String comment) {}
