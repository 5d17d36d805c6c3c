package io.cutover.activities;

import io.cutover.plan.BackupStep;

public record BackupRequest(StepContext context, DbRef db, BackupStep step) {}
