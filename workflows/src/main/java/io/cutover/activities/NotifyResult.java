package io.cutover.activities;

/** Whether a webhook message arrived; {@code detail} is the status code or the error. */
public record NotifyResult(String hook, boolean delivered, String detail) {}
