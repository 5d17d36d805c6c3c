package io.cutover.plan;

/**
 * Time limits, measured and reported; exceeding one is reported, not a reason to roll back.
 *
 * @param total longest the whole run should take
 * @param downtime longest users may be without service: from the start of {@code downtimeFrom}
 *     to the end of {@code downtimeTo}
 * @param rollback longest a rollback should take (the RTO)
 */
public record Budget(
    Span total, Span downtime, String downtimeFrom, String downtimeTo, Span rollback) {}
