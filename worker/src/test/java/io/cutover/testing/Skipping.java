package io.cutover.testing;

import io.cutover.api.CutoverReport;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.function.Predicate;

/** Lets test-server time pass in small steps until the run's status shows something. */
public final class Skipping {
  private Skipping() {}

  /**
   * Skips {@code step} of time at a time, at most {@code max} in all, until the condition holds.
   */
  public static CutoverReport until(
      TestWorkflowEnvironment env,
      CutoverWorkflow wf,
      Predicate<CutoverReport> condition,
      Duration step,
      Duration max) {
    long skipped = 0;
    CutoverReport last = null;
    while (skipped <= max.toMillis()) {
      try {
        last = wf.status();
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException notYet) {
        // the first workflow task may not have run yet
      }
      env.sleep(step);
      skipped += step.toMillis();
    }
    throw new AssertionError(
        "condition not reached within " + max + " of skipped time; last status: " + last);
  }
}
