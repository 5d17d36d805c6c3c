package io.cutover.workflow.watch;

/** Tells a monitor window to end now: its cutover step ended (rolled back, aborted, decided). */
public record StopRequest(String reason) {}
