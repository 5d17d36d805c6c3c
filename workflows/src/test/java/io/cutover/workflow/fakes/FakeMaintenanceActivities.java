package io.cutover.workflow.fakes;

import io.cutover.activities.MaintenanceActivities;
import io.cutover.activities.MaintenanceRequest;
import io.cutover.api.StepOutcome;

/** Records {@code maintenance on|off <step>}. */
public final class FakeMaintenanceActivities implements MaintenanceActivities {
  private final CallLog log;

  public FakeMaintenanceActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public StepOutcome switchMaintenance(MaintenanceRequest request) {
    log.record("maintenance " + (request.on() ? "on " : "off ") + request.step().id());
    return StepOutcome.of("maintenance " + (request.on() ? "on" : "off"));
  }
}
