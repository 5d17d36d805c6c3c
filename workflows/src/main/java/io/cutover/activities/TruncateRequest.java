package io.cutover.activities;

import io.cutover.plan.TruncateStep;

public record TruncateRequest(StepContext context, DbRef db, TruncateStep step) {}
