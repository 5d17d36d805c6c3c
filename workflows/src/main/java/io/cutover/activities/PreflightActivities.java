package io.cutover.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Checks, on the worker that will run them, that a plan's steps can run at all. */
@ActivityInterface
public interface PreflightActivities {
  /**
   * Every {@code ${env:}}/{@code ${file:}} reference resolves here, every program an argv names
   * exists and is executable, every database opens (or answers with its credentials), every port a
   * managed service must listen on is free or held by that service. Reads only; returns all
   * problems at once rather than failing on the first.
   */
  @ActivityMethod
  PreflightResult check(PreflightRequest request);
}
