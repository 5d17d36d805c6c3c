package io.cutover.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How often a step's activity is retried after a retryable failure (a lost connection, a crashed
 * worker). A check that said "no" is never retried.
 *
 * @param maxAttempts attempts in all, including the first; 0 means until the step's timeout
 * @param initialInterval wait before the first retry
 * @param backoff multiplier applied to the wait after each retry
 * @param maxInterval longest wait between two attempts
 */
public record RetrySpec(
    Integer maxAttempts, Span initialInterval, Double backoff, Span maxInterval) {
  /** Attempts when a plan does not say. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Wait before the first retry when a plan does not say. */
  public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);

  /** Backoff multiplier when a plan does not say. */
  public static final double DEFAULT_BACKOFF = 2.0;

  /** Longest wait between attempts when a plan does not say. */
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);

  /**
   * What Temporal's retry policy would refuse in this spec, each naming the field and what to write
   * instead; empty when it is valid. {@code plan check} and the run's plan validation call this, so
   * a policy the server would reject when the step is scheduled never gets that far.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (maxAttempts != null && maxAttempts < 0) {
      out.add(
          "retry.maxAttempts is "
              + maxAttempts
              + ": write 1 for no retry, N for N attempts in all, or 0 to retry until the step's"
              + " timeout");
    }
    if (backoff != null && (backoff.isNaN() || backoff < 1.0)) {
      out.add(
          "retry.backoff is "
              + backoff
              + ": it multiplies the wait after each retry, so it is 1.0 (a constant wait) or"
              + " more");
    }
    Duration initial =
        initialInterval == null ? DEFAULT_INITIAL_INTERVAL : initialInterval.toDuration();
    Duration max = maxInterval == null ? DEFAULT_MAX_INTERVAL : maxInterval.toDuration();
    if (initialInterval != null && initial.isZero()) {
      out.add("retry.initialInterval is 0: write the wait before the first retry, e.g. 1s");
    }
    if (max.compareTo(initial) < 0) {
      out.add(
          "retry.maxInterval ("
              + (maxInterval == null ? "default 30s" : maxInterval.text())
              + ") is shorter than retry.initialInterval ("
              + (initialInterval == null ? "default 1s" : initialInterval.text())
              + "): the longest wait cannot be shorter than the first");
    }
    return out;
  }
}
