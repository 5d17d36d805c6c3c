package io.cutover.activities;

import io.cutover.plan.ConfigStep;

public record ConfigRequest(StepContext context, ConfigStep step) {}
