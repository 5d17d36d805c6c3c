package io.cutover.api;

/**
 * A run waiting, before its first step that changes anything, for its change window.
 *
 * @param schedule the plan's schedule in one line, e.g. {@code FRI 22:00-02:00 Europe/Berlin}
 * @param reason why it waits, e.g. {@code only 40m left of the open window, budget.total is 2h}
 * @param since when the wait began
 * @param opensAt when the run will start changing things (the window's opening, or later)
 * @param closesAt when that window closes
 */
public record WindowWait(
    String schedule, String reason, String since, String opensAt, String closesAt) {}
