package io.cutover.api;

/**
 * A lock workflow's answer to a {@link LockRequest}: signal {@code lockAnswer} of the asking run.
 *
 * @param granted true when the asking run holds the resource now
 * @param holderWorkflowId when refused: the running cutover that holds it
 * @param holderRunId when refused: that cutover's run id
 */
public record LockAnswer(
    String resource, boolean granted, String holderWorkflowId, String holderRunId) {}
