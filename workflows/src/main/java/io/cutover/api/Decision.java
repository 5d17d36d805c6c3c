package io.cutover.api;

/**
 * Payload of the {@code approve} and {@code reject} signals: {@code {"gate": "go-no-go", "by":
 * "alice", "comment": "counts verified"}}.
 */
public record Decision(String gate, String by, String comment) {}
