package io.cutover.api;

/**
 * How close a trigger is to firing.
 *
 * @param state {@code ok}, {@code breaching} (the condition holds, not yet long enough), {@code
 *     awaiting-decision}, {@code fired}, or {@code no-data}
 * @param value the watched quantity now, in the limit's unit
 * @param limit the limit, e.g. {@code 1%} or {@code 2x baseline = 0.4%}
 * @param closeness value / limit (1.0 at the limit), null without data
 * @param heldSeconds how long the condition has held so far
 * @param forSeconds how long it must hold to fire (already scaled)
 * @param continued how many times people chose to continue after it fired
 */
public record TriggerView(
    String name,
    String when,
    String action,
    String state,
    String value,
    String limit,
    Double closeness,
    double heldSeconds,
    double forSeconds,
    int continued) {}
