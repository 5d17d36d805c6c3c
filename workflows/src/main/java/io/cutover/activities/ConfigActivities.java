package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Application configuration files. */
@ActivityInterface
public interface ConfigActivities {
  /**
   * Keeps the file's current content aside (once per run and step), then sets the keys and replaces
   * the file atomically. Setting the same values again changes nothing.
   */
  @ActivityMethod
  StepOutcome setConfig(ConfigRequest request);

  /** Puts back the content kept aside by {@link #setConfig}, atomically. Safe to run again. */
  @ActivityMethod
  StepOutcome restoreConfig(ConfigRequest request);
}
