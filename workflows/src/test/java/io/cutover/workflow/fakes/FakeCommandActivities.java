package io.cutover.workflow.fakes;

import io.cutover.activities.CommandActivities;
import io.cutover.activities.CommandRequest;
import io.cutover.api.StepOutcome;

/** Records {@code command <label>} (a step's id, or {@code <id> (undo)}) and "runs" it. */
public final class FakeCommandActivities implements CommandActivities {
  private final CallLog log;

  public FakeCommandActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public StepOutcome runCommand(CommandRequest request) {
    log.record("command " + request.label());
    return StepOutcome.of("ran " + String.join(" ", request.argv()));
  }
}
