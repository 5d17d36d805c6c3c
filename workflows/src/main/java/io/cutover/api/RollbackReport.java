package io.cutover.api;

import java.util.List;

/**
 * The rollback part of a report.
 *
 * @param reason what caused it: the failed step, the rejection, the abort
 * @param steps the plan's rollback steps as they ran after the compensations
 * @param manualActions what is left to do by hand when the rollback failed
 * @param nothingChanged true when no step that changes anything had started: nothing to undo, the
 *     rollback steps that would change things were not run, and what the others found is under
 *     {@code warnings}, never a manual action
 * @param warnings what the verifying rollback steps found when nothing had changed (the old system
 *     was not as expected before this run touched it)
 */
public record RollbackReport(
    boolean ran,
    String reason,
    String startedAt,
    String endedAt,
    List<CompensationReport> compensations,
    List<StepReport> steps,
    List<String> manualActions,
    boolean nothingChanged,
    List<String> warnings) {
  public RollbackReport {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    compensations = compensations == null ? List.of() : List.copyOf(compensations);
    steps = steps == null ? List.of() : List.copyOf(steps);
    manualActions = manualActions == null ? List.of() : List.copyOf(manualActions);
  }

  public static RollbackReport notRun() {
    return new RollbackReport(
        false, null, null, null, List.of(), List.of(), List.of(), false, List.of());
  }
}
