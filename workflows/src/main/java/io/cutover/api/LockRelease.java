package io.cutover.api;

/** A run giving a resource back when it ends: signal {@code release} of the lock workflow. */
public record LockRelease(String workflowId, String runId) {}
