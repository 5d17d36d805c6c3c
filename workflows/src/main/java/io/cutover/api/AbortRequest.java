package io.cutover.api;

/** Payload of the {@code abort} signal: {@code {"by": "alice", "reason": "API errors"}}. */
public record AbortRequest(String by, String reason) {}
