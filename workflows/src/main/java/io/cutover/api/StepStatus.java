package io.cutover.api;

/** The state of one step of a run. */
public enum StepStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  COMPENSATED,
  COMPENSATION_FAILED
}
