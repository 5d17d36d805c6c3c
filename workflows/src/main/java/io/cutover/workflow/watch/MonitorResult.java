package io.cutover.workflow.watch;

import io.cutover.api.Evidence;
import io.cutover.api.MonitorView;
import java.util.List;

/**
 * How a window ended.
 *
 * @param outcome {@code PASSED} (the whole window without a rollback trigger) or {@code ROLLBACK}
 * @param trigger the rollback trigger that fired
 * @param message what it saw
 */
public record MonitorResult(
    String outcome, String trigger, String message, MonitorView view, List<Evidence> evidence) {
  public static final String PASSED = "PASSED";
  public static final String ROLLBACK = "ROLLBACK";

  /** Told to stop by its cutover, whose step had already ended. */
  public static final String STOPPED = "STOPPED";

  public MonitorResult {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
