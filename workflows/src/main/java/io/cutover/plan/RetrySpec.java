package io.cutover.plan;

/**
 * How often a step's activity is retried after a retryable failure (a lost connection, a
 * crashed worker). A check that said "no" is never retried.
 *
 * @param maxAttempts attempts in all, including the first; 0 means until the step's timeout
 * @param initialInterval wait before the first retry
 * @param backoff multiplier applied to the wait after each retry
 * @param maxInterval longest wait between two attempts
 */
public record RetrySpec(Integer maxAttempts, Span initialInterval, Double backoff, Span maxInterval) {}
