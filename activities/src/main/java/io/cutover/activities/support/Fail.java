package io.cutover.activities.support;

import io.cutover.api.FailureType;
import io.temporal.failure.ApplicationFailure;

/** Builds the {@link ApplicationFailure}s activities throw, typed by {@link FailureType}. */
public final class Fail {
  private Fail() {}

  public static ApplicationFailure of(FailureType type, String message, Object... details) {
    return type.retryable()
        ? ApplicationFailure.newFailure(message, type.name(), details)
        : ApplicationFailure.newNonRetryableFailure(message, type.name(), details);
  }

  public static ApplicationFailure of(FailureType type, String message, Throwable cause) {
    return type.retryable()
        ? ApplicationFailure.newFailureWithCause(message, type.name(), cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, type.name(), cause);
  }

  /** A fault worth retrying: the connection dropped, the file was locked. */
  public static ApplicationFailure transientFault(String message, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, FailureType.TRANSIENT.name(), cause);
  }
}
