package io.cutover.activities;

import io.cutover.plan.Resources;
import io.cutover.plan.Step;

/** A step to describe without running it, with the resources it refers to. */
public record PreviewRequest(StepContext context, Step step, Resources resources) {}
