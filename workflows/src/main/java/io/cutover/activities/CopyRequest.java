package io.cutover.activities;

import io.cutover.plan.CopyStep;

public record CopyRequest(StepContext context, DbRef source, DbRef target, CopyStep step) {}
