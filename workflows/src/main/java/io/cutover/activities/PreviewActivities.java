package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a dry run uses: it changes nothing on the system. SQLite data steps run for real against
 * scratch copies; every other step is described here from what can be read without changing it.
 */
@ActivityInterface
public interface PreviewActivities {
  /**
   * Copies a SQLite database (a consistent snapshot, or a fresh one from its {@code createFrom}
   * script when the file does not exist yet) into this run's scratch folder under the system's
   * temporary directory, and returns the reference to use instead. The original is only read.
   */
  @ActivityMethod
  DbRef prepareScratch(ScratchRequest request);

  /**
   * Describes what the step would do — tables and row counts, files, commands, services and their
   * processes, probes' current answers — and checks its preconditions (programs and files exist,
   * databases answer). Never changes anything; never fails for a precondition that is not met,
   * which is reported as failed evidence instead.
   */
  @ActivityMethod
  StepOutcome preview(PreviewRequest request);

  /** Deletes this run's scratch folder on this worker; nothing else. Safe to call again. */
  @ActivityMethod
  void dropScratch(StepContext context);
}
