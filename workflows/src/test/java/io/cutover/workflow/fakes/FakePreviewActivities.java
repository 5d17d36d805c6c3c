package io.cutover.workflow.fakes;

import io.cutover.activities.DbRef;
import io.cutover.activities.PreviewActivities;
import io.cutover.activities.PreviewRequest;
import io.cutover.activities.ScratchRequest;
import io.cutover.activities.StepContext;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Database;
import java.util.Map;

/**
 * Records {@code scratch <db>}, {@code preview <step>} and {@code drop-scratch}; a scratch copy of
 * database {@code d} is {@code /scratch/d.db}.
 */
public final class FakePreviewActivities implements PreviewActivities {
  private final CallLog log;

  public FakePreviewActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public DbRef prepareScratch(ScratchRequest request) {
    log.record("scratch " + request.db().name());
    Database copy =
        TestPlans.bind(
            Map.of("type", "sqlite", "path", "/scratch/" + request.db().name() + ".db"),
            Database.class);
    return new DbRef(request.db().name(), copy);
  }

  @Override
  public StepOutcome preview(PreviewRequest request) {
    log.record("preview " + request.step().id());
    return StepOutcome.of("would run " + request.step().type() + " " + request.step().id());
  }

  @Override
  public void dropScratch(StepContext context) {
    log.record("drop-scratch");
  }
}
