package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Runs programs as child processes. At-least-once by nature, like any command. */
@ActivityInterface
public interface CommandActivities {
  /** Runs the command; an unexpected exit code fails with {@code COMMAND_FAILED}. */
  @ActivityMethod
  StepOutcome runCommand(CommandRequest request);
}
