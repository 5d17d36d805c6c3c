package io.cutover.workflow;

import io.cutover.plan.ChangeWindow;
import java.time.Instant;

/**
 * When a run may start changing things, and the window it may do it in.
 *
 * @param start the earliest instant that fits (now, a window's opening, or {@code notBefore})
 * @param closes when the window closes; null when the schedule has no windows
 * @param window the window; null when the schedule has no windows
 */
record WindowOpening(Instant start, Instant closes, ChangeWindow window) {}
