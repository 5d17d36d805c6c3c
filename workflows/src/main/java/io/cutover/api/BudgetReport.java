package io.cutover.api;

/**
 * Measured times against the plan's budget, in seconds; a limit is null when the plan sets none.
 */
public record BudgetReport(
    double totalSeconds,
    Double totalLimitSeconds,
    Double downtimeSeconds,
    Double downtimeLimitSeconds,
    Double rollbackSeconds,
    Double rollbackLimitSeconds,
    boolean withinBudget) {}
