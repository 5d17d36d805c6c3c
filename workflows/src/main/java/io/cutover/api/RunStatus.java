package io.cutover.api;

/** Where a cutover run stands. The last four are final. */
public enum RunStatus {
  RUNNING,
  AWAITING_APPROVAL,
  /**
   * A step failed with {@code onFailure: decide}: people choose retry, skip or rollback (see the
   * report's {@code openFailure}).
   */
  AWAITING_DECISION,
  /**
   * Paused by someone: no new step starts until {@code resume} (see the report's {@code paused}).
   */
  PAUSED,
  /**
   * Waiting, before its first step that changes anything, for its change window (see {@code
   * windowWait}).
   */
  WAITING_FOR_WINDOW,
  ROLLING_BACK,
  SUCCEEDED,
  ROLLED_BACK,
  ROLLBACK_FAILED,
  /**
   * A check before the first step found problems (see the report's {@code preflight}): no step ran,
   * nothing changed.
   */
  PREFLIGHT_FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED
        || this == ROLLED_BACK
        || this == ROLLBACK_FAILED
        || this == PREFLIGHT_FAILED;
  }

  /**
   * Exit code of {@code cutover run/report}: 0 succeeded, 2 preflight failed (nothing ran, like an
   * invalid plan), 3 rolled back, 4 rollback failed.
   */
  public int exitCode() {
    return switch (this) {
      case SUCCEEDED -> 0;
      case PREFLIGHT_FAILED -> 2;
      case ROLLED_BACK -> 3;
      case ROLLBACK_FAILED -> 4;
      default -> 1;
    };
  }
}
