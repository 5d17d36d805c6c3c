package io.cutover.workflow;

import io.cutover.api.CompensationReport;
import io.cutover.api.StepOutcome;
import io.cutover.api.StepStatus;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compensations registered so far, run newest first. Unlike the SDK's {@code Saga} it keys
 * compensations, so that one restore per database covers every step that changed it, and it reports
 * each outcome instead of stopping at the first failure.
 */
final class Saga {
  private final Map<String, Compensation> byKey = new LinkedHashMap<>();

  /**
   * Registers an undo for {@code stepId}, or adds the step to the one already under {@code key}.
   */
  void register(
      String key, String stepId, String action, String manual, Functions.Func<StepOutcome> undo) {
    register(key, stepId, action, manual, undo, false);
  }

  /** As {@link #register}; with {@code last} the undo runs after the plan's rollback steps. */
  void register(
      String key,
      String stepId,
      String action,
      String manual,
      Functions.Func<StepOutcome> undo,
      boolean last) {
    Compensation existing = byKey.get(key);
    if (existing != null) {
      if (!existing.covers.contains(stepId)) {
        existing.covers.add(stepId);
      }
      return;
    }
    byKey.put(key, new Compensation(key, stepId, action, manual, undo, last));
  }

  boolean isEmpty() {
    return byKey.isEmpty();
  }

  /**
   * Runs the compensations of one phase — before the plan's rollback steps, or ({@code last}) after
   * them — in reverse order of registration, going on past failures. The caller runs this in a
   * detached cancellation scope.
   */
  List<CompensationReport> compensate(RunState state, boolean last) {
    List<Compensation> order =
        new ArrayList<>(byKey.values().stream().filter(c -> c.last == last).toList());
    Collections.reverse(order);
    List<CompensationReport> reports = new ArrayList<>();
    for (Compensation c : order) {
      String forSteps = String.join(", ", c.covers);
      String started = state.now();
      state.details("Rolling back: " + c.action);
      try {
        StepOutcome out = c.undo.apply();
        reports.add(
            new CompensationReport(
                forSteps,
                c.action,
                StepStatus.COMPENSATED,
                started,
                state.now(),
                out == null ? null : out.summary(),
                null,
                null));
        c.covers.forEach(id -> state.markCompensated(id, true));
      } catch (TemporalFailure e) {
        reports.add(
            new CompensationReport(
                forSteps,
                c.action,
                StepStatus.COMPENSATION_FAILED,
                started,
                state.now(),
                null,
                Failures.describe(e),
                c.manual));
        c.covers.forEach(id -> state.markCompensated(id, false));
      }
    }
    return reports;
  }
}
