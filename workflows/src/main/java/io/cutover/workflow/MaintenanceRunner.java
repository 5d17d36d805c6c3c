package io.cutover.workflow;

import io.cutover.activities.MaintenanceActivities;
import io.cutover.activities.MaintenanceRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.MaintenanceStep;
import java.time.Duration;

/** Switches maintenance mode; switching it back is registered first. */
final class MaintenanceRunner implements StepRunner<MaintenanceStep> {
  @Override
  public StepOutcome run(MaintenanceStep step, StepEnv env) {
    MaintenanceActivities maintenance = env.stub(MaintenanceActivities.class, step, Duration.ofMinutes(2));
    boolean on = step.on();
    MaintenanceRequest back = new MaintenanceRequest(env.context(step), step, !on);
    String how = step.flag() != null ? "flag " + step.flag() : step.http() != null ? step.http().method() + " " + step.http().url()
        : "command " + String.join(" ", on ? step.command().off() : step.command().on());
    env.compensate(
        "maintenance:" + step.id(), step,
        "turn maintenance mode " + (on ? "off" : "back on") + " (" + how + ")",
        "turn maintenance mode " + (on ? "off" : "on") + " by hand: " + how,
        () -> maintenance.switchMaintenance(back));
    return maintenance.switchMaintenance(new MaintenanceRequest(env.context(step), step, on));
  }
}
