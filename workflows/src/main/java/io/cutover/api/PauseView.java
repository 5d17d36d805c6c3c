package io.cutover.api;

/**
 * A paused run: it starts no new step (nor a retry) until resumed; a running step goes on, an open
 * gate or decision still takes decisions, and an abort still rolls back.
 *
 * @param since when it was paused (workflow time, ISO-8601)
 */
public record PauseView(String by, String comment, String since) {}
