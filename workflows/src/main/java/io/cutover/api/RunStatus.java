package io.cutover.api;

/** Where a cutover run stands. The last three are final. */
public enum RunStatus {
  RUNNING,
  AWAITING_APPROVAL,
  ROLLING_BACK,
  SUCCEEDED,
  ROLLED_BACK,
  ROLLBACK_FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == ROLLED_BACK || this == ROLLBACK_FAILED;
  }

  /** Exit code of {@code cutover run/report}: 0 succeeded, 3 rolled back, 4 rollback failed. */
  public int exitCode() {
    return switch (this) {
      case SUCCEEDED -> 0;
      case ROLLED_BACK -> 3;
      case ROLLBACK_FAILED -> 4;
      default -> 1;
    };
  }
}
