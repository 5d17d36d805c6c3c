package io.cutover.activities;

import io.cutover.plan.ColumnMappingStep;

/** A {@code column-mapping} step to check. */
public record ColumnCheckRequest(StepContext context, ColumnMappingStep step) {}
