package io.cutover.api;

/**
 * One compensation run during a rollback.
 *
 * @param forStep the step whose effect it undoes
 * @param action what it does, in words
 * @param manual what an operator must do by hand if it failed
 */
public record CompensationReport(
    String forStep,
    String action,
    StepStatus status,
    String startedAt,
    String endedAt,
    String summary,
    String error,
    String manual) {}
