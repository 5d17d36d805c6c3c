package io.cutover.api;

/**
 * A run asking for a resource: signal {@code acquire} of the resource's lock workflow.
 *
 * @param resource the resource's key, e.g. {@code sqlite:/srv/app/work/prod.db}
 * @param workflowId the asking run's workflow id, where the answer is signalled
 * @param runId the asking run's run id: a new run under the same id is another holder
 * @param taskQueue the asking run's task queue, where the lock workflow runs too (its workers run
 *     both)
 */
public record LockRequest(String resource, String workflowId, String runId, String taskQueue) {}
