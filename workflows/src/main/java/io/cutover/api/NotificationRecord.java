package io.cutover.api;

/**
 * One webhook message and whether it arrived. A failed one is kept here and in the worker's log; it
 * never fails the cutover.
 *
 * @param event {@code gate-opened}, {@code trigger-fired}, {@code rollback-started}, {@code
 *     run-ended}, or {@code step} for a notify step
 * @param detail the answer's status code, or why it was not delivered
 */
public record NotificationRecord(
    String event, String hook, String at, boolean delivered, String detail) {}
