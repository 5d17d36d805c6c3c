package io.cutover.workflow.fakes;

import io.cutover.activities.PreflightActivities;
import io.cutover.activities.PreflightRequest;
import io.cutover.activities.PreflightResult;
import java.util.List;

/** Finds nothing wrong. */
public final class FakePreflightActivities implements PreflightActivities {
  @Override
  public PreflightResult check(PreflightRequest request) {
    return new PreflightResult("fake worker", 0, List.of());
  }
}
