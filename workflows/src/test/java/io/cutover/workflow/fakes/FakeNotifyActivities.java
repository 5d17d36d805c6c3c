package io.cutover.workflow.fakes;

import io.cutover.activities.NotifyActivities;
import io.cutover.activities.NotifyRequest;
import io.cutover.activities.NotifyResult;

/** Records {@code notify <event> <hook>} and "delivers" it. */
public final class FakeNotifyActivities implements NotifyActivities {
  private final CallLog log;

  public FakeNotifyActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public NotifyResult send(NotifyRequest request) {
    log.record("notify " + request.fields().get("event") + " " + request.hook().label());
    return new NotifyResult(request.hook().label(), true, "HTTP 200");
  }
}
