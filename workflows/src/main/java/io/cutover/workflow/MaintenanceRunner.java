package io.cutover.workflow;

import io.cutover.activities.MaintenanceActivities;
import io.cutover.activities.MaintenanceRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.MaintenanceStep;
import java.time.Duration;

/**
 * Switches maintenance mode; switching it back is registered first. Lifting it after a rollback
 * waits until the plan's rollback steps have run.
 */
final class MaintenanceRunner implements StepRunner<MaintenanceStep> {
  @Override
  public StepOutcome run(MaintenanceStep step, StepEnv env) {
    MaintenanceActivities maintenance =
        env.stub(MaintenanceActivities.class, step, Duration.ofMinutes(2));
    boolean on = step.on();
    MaintenanceRequest back = new MaintenanceRequest(env.context(step), step, !on);
    String how =
        step.flag() != null
            ? "flag " + step.flag()
            : step.http() != null
                ? step.http().method() + " " + step.http().url()
                : "command " + String.join(" ", on ? step.command().off() : step.command().on());
    String action = "turn maintenance mode " + (on ? "off" : "back on") + " (" + how + ")";
    String manual = "turn maintenance mode " + (on ? "off" : "on") + " by hand: " + how;
    if (on) {
      // Users stay out until the rollback steps have restarted and verified the old system.
      env.compensateLast(
          "maintenance:" + step.id(),
          step,
          action,
          manual,
          () -> maintenance.switchMaintenance(back));
    } else {
      env.compensate(
          "maintenance:" + step.id(),
          step,
          action,
          manual,
          () -> maintenance.switchMaintenance(back));
    }
    return maintenance.switchMaintenance(new MaintenanceRequest(env.context(step), step, on));
  }
}
