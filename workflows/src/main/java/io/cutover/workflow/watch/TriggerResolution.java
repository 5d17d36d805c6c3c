package io.cutover.workflow.watch;

/**
 * Payload of the {@code resolve} signal: people decided to continue after a {@code decide} trigger
 * fired, so it watches again from scratch. (Rolling back cancels the window instead.)
 */
public record TriggerResolution(String trigger, String by) {}
