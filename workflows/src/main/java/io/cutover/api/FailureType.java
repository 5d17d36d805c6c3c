package io.cutover.api;

import java.util.Arrays;
import java.util.List;

/**
 * Every failure Cutover raises, as the {@code type} of an {@code ApplicationFailure}. Non-retryable
 * types are listed in every activity's retry policy: a check that said "no" must not be asked
 * again, while a lost connection must.
 */
public enum FailureType {
  /** The plan or the workflow input is malformed; nothing ran. */
  INVALID_PLAN(false, 2),
  /** A check ran and said "no"; the evidence is attached. */
  CHECK_FAILED(false, 3),
  /** A check could not run at all (its SQL failed, a table is missing): distinct from "no". */
  CHECK_ERROR(false, 3),
  /** A step would touch a protected table. */
  PROTECTED_TABLE(false, 3),
  /** Input data (a CSV file, a SQL script) is malformed. */
  BAD_DATA(false, 3),
  /** A command exited with an unexpected code. */
  COMMAND_FAILED(false, 3),
  /** A health probe did not pass before its deadline. */
  HEALTH_FAILED(false, 3),
  /** A backup could not be made or did not verify. */
  BACKUP_FAILED(false, 3),
  /** A file or resource named by the plan does not exist. */
  NOT_FOUND(false, 3),
  /** A port a service must listen on is held by another process. */
  PORT_IN_USE(false, 3),
  /** A service Cutover started is not running (it exited), though its health probes passed. */
  SERVICE_EXITED(false, 3),
  /** A go/no-go gate was rejected. */
  GATE_REJECTED(false, 3),
  /** A go/no-go gate timed out, which means no-go. */
  GATE_TIMEOUT(false, 3),
  /** A monitor window's rollback trigger fired, or people chose to roll back after one did. */
  TRIGGER_FIRED(false, 3),
  /** Someone aborted the run, or cancelled the workflow. */
  ABORTED(false, 3),
  /** A migration script that was already applied has been edited since: refused. */
  SCRIPT_CHANGED(false, 3),
  /** A compensation or a rollback step failed: the old system needs hands. */
  ROLLBACK_FAILED(false, 4),
  /** No worker on the step's host picked it up in time (its schedule-to-start timeout). */
  NO_WORKER(false, 3),
  /** A transient fault: connection refused, I/O error, lock timeout. Retried. */
  TRANSIENT(true, 1);

  private final boolean retryable;
  private final int exitCode;

  FailureType(boolean retryable, int exitCode) {
    this.retryable = retryable;
    this.exitCode = exitCode;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The {@code cutover} command's exit code when a run ends on this failure. */
  public int exitCode() {
    return exitCode;
  }

  /** Type names that activity retry policies must not retry. */
  public static List<String> nonRetryableNames() {
    return Arrays.stream(values()).filter(t -> !t.retryable).map(Enum::name).toList();
  }
}
