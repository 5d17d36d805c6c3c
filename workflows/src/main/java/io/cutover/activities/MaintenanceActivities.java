package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Maintenance mode switches. Switching to the state it is already in changes nothing. */
@ActivityInterface
public interface MaintenanceActivities {
  @ActivityMethod
  StepOutcome switchMaintenance(MaintenanceRequest request);
}
