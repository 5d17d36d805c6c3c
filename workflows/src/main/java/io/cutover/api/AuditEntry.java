package io.cutover.api;

/**
 * One thing a person (or the run itself) did to a run, in the order it happened: a decision, a
 * voided approval, a release, a retry, a skip, a pause, a resume, an abort.
 *
 * @param at when (workflow time, ISO-8601)
 * @param kind what: {@code approve}, {@code reject}, {@code refused}, {@code voided}, {@code
 *     release}, {@code retry}, {@code skip}, {@code pause}, {@code resume}, {@code abort}, …
 * @param by who (as they named themselves, or verified by signature: see {@code detail})
 * @param detail what it applied to and why (gate or step id, comment, reason)
 */
public record AuditEntry(String at, String kind, String by, String detail) {}
