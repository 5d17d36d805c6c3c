package io.cutover.activities;

/** A database to copy into a scratch file that a dry run may change freely. */
public record ScratchRequest(StepContext context, DbRef db) {}
