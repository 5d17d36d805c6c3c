package io.cutover.activities;

import io.cutover.plan.MaintenanceStep;

/**
 * @param on true to turn maintenance mode on, false to turn it off (whatever the step's mode)
 */
public record MaintenanceRequest(StepContext context, MaintenanceStep step, boolean on) {}
