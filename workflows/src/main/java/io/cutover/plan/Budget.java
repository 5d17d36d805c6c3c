package io.cutover.plan;

/**
 * Time limits, measured and reported; exceeding one is reported, not a reason to roll back.
 *
 * @param total longest the whole run should take, measured from the end of its wait for a change
 *     window when it had one; with a {@code schedule}, the run starts changing things only when at
 *     least this much of an open window is left
 * @param downtime longest users may be without service: from the start of {@code downtimeFrom} to
 *     the end of {@code downtimeTo}
 * @param rollback longest a rollback should take (the RTO)
 */
public record Budget(
    Span total, Span downtime, String downtimeFrom, String downtimeTo, Span rollback) {}
