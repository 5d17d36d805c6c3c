package io.cutover.api;

/**
 * Payload of the {@code monitor} signal a monitor window's workflow sends to its cutover: its
 * progress, or a request for a decision because a {@code decide} trigger fired.
 *
 * @param kind {@code progress} or {@code decide}
 * @param trigger for {@code decide}: the trigger's name
 * @param message for {@code decide}: what fired, with the values
 */
public record MonitorEvent(
    String step,
    String monitorWorkflowId,
    String kind,
    MonitorView view,
    String trigger,
    String message) {
  public static final String PROGRESS = "progress";
  public static final String DECIDE = "decide";
}
