package io.cutover.workflow;

import io.cutover.api.StepStatus;
import io.cutover.plan.CommandStep;
import io.cutover.plan.HttpStep;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Step;
import java.util.Locale;

/**
 * The rule that keeps exit 4 honest. A step "changes the system" when it is destructive (it
 * registers an undo), or runs a command (unless the plan says it is {@code readOnly}: a check),
 * restarts a service, or sends an HTTP request other than GET/HEAD; a {@code hold} only reads, so
 * it never does. When a rollback starts before any such step has started, nothing was changed:
 * there is nothing to undo, the plan's rollback steps that would change things (restarts, commands)
 * are not run, the ones that only verify (validate, health, wait, notify) still run, and what they
 * find is a warning about the old system, never "rollback failed".
 */
final class Changes {
  private Changes() {}

  /**
   * True when the step can change the system, so a rollback must treat the system as touched once
   * it started.
   */
  static boolean changesSystem(Step step) {
    if (step.destructive() || step instanceof RestartStep) {
      return true;
    }
    if (step instanceof CommandStep c) {
      // Null (not said) counts as a change: a command may do anything.
      return !Boolean.TRUE.equals(c.readOnly());
    }
    if (step instanceof HttpStep h) {
      return h.requests().stream()
          .anyMatch(
              r -> {
                String m = r.method() == null ? "GET" : r.method().toUpperCase(Locale.ROOT);
                return !m.equals("GET") && !m.equals("HEAD");
              });
    }
    return false;
  }

  /**
   * True when some step that changes the system has started (whatever its outcome), a step skipped
   * after it failed included: it may have changed something before it failed.
   */
  static boolean anyStarted(RunState state) {
    return state.steps.values().stream()
        .anyMatch(
            rec ->
                (rec.ran() || rec.status != StepStatus.PENDING && rec.status != StepStatus.SKIPPED)
                    && changesSystem(rec.step));
  }
}
