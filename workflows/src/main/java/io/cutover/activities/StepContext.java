package io.cutover.activities;

/**
 * Who is asking: every activity receives it, and keys its idempotency on {@code runKey} and {@code
 * stepId} so that a retry after a crash finds what the first attempt did.
 *
 * @param runKey workflow id and first run id, stable across continue-as-new
 * @param baseDir folder that the plan's relative paths resolve against
 */
public record StepContext(String runKey, String stepId, String baseDir, boolean dryRun) {}
