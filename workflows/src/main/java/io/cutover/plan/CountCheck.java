package io.cutover.plan;

/**
 * Counts rows of {@code table} (optionally filtered by {@code where}) or takes the number {@code
 * sql} returns, and compares it with {@code expect}, or with the bounds {@code min}/{@code max}.
 * With none of them the count is only recorded as evidence.
 */
public record CountCheck(
    String name, String table, String where, String sql, Long expect, Long min, Long max)
    implements Check {}
