package io.cutover.activities;

import io.cutover.plan.SqlStep;

public record SqlRequest(StepContext context, DbRef db, SqlStep step) {}
