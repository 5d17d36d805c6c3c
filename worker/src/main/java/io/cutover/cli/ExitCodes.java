package io.cutover.cli;

import io.cutover.api.RunStatus;

/** The {@code cutover} command's exit codes. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int INVALID = 2;
  public static final int ROLLED_BACK = 3;
  public static final int ROLLBACK_FAILED = 4;

  private ExitCodes() {}

  public static int of(RunStatus status) {
    return status.exitCode();
  }
}
