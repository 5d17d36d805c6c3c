package io.cutover.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Webhook messages. */
@ActivityInterface
public interface NotifyActivities {
  /**
   * POSTs the message; never throws for a webhook that fails (refused, timed out, non-2xx): the
   * result says so and the worker logs it. A duplicate after a retry is possible, as with any
   * webhook.
   */
  @ActivityMethod
  NotifyResult send(NotifyRequest request);
}
