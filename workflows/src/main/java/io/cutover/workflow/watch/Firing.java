package io.cutover.workflow.watch;

import io.cutover.plan.TriggerAction;

/** A trigger that fired at a sample: what it does, and what it saw. */
public record Firing(String trigger, TriggerAction action, String message) {}
