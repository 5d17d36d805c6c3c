package io.cutover.activities;

import io.cutover.plan.Service;

public record RestartRequest(StepContext context, String name, Service service) {}
