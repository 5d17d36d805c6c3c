package io.cutover.workflow;

import io.cutover.api.StepOutcome;
import io.temporal.workflow.Functions;
import java.util.ArrayList;
import java.util.List;

/**
 * An undo registered by a destructive step before it runs. One compensation may cover several steps
 * (a database restore undoes every change made to that database since its backup).
 */
final class Compensation {
  final String key;
  final String action;
  final String manual;
  final Functions.Func<StepOutcome> undo;

  /** Runs after the plan's rollback steps, e.g. lifting maintenance once the old system is back. */
  final boolean last;

  final List<String> covers = new ArrayList<>();

  Compensation(
      String key,
      String stepId,
      String action,
      String manual,
      Functions.Func<StepOutcome> undo,
      boolean last) {
    this.key = key;
    this.action = action;
    this.manual = manual;
    this.undo = undo;
    this.last = last;
    covers.add(stepId);
  }
}
