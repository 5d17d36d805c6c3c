package io.cutover.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Answers on a host's own task queue, so a step knows a live worker is there before it starts. */
@ActivityInterface
public interface HostActivities {
  /** Says which worker answered: its host name, machine name and process. Read-only. */
  @ActivityMethod
  HostInfo hello(StepContext context);
}
