package io.cutover.activities;

/** Put a database back to the content of a verified backup. */
public record RestoreRequest(StepContext context, DbRef db, String backupPath, String sha256) {}
