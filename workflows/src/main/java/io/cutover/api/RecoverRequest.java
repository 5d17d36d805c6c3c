package io.cutover.api;

/**
 * Payload of the {@code recover} update: what to do about the failed step that waits for a decision
 * ({@code onFailure: decide}), e.g. {@code {"step": "import", "action": "retry", "by": "alice",
 * "comment": "disk space freed"}}.
 *
 * @param step the failed step's id
 * @param action {@code retry}, {@code skip} (needs {@code comment}; refused for a step marked
 *     {@code required}) or {@code rollback}
 * @param by who decides
 * @param comment why; required for a skip
 */
public record RecoverRequest(String step, String action, String by, String comment) {}
