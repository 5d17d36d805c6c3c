package io.cutover.activities;

import io.cutover.plan.Plan;

/**
 * What one worker checks before the first step: the plan's steps (and rollback steps) that run on
 * {@code host} (null: the shared queue), and the resources those steps name.
 */
public record PreflightRequest(StepContext context, String host, Plan plan) {}
