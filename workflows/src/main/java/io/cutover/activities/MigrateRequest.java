package io.cutover.activities;

import io.cutover.plan.MigrateStep;

public record MigrateRequest(StepContext context, DbRef db, MigrateStep step) {}
