package io.cutover.activities;

import io.cutover.plan.ImportCsvStep;

public record ImportCsvRequest(StepContext context, DbRef db, ImportCsvStep step) {}
