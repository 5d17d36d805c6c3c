package io.cutover.api;

/**
 * How far a long step is, as its activity heartbeats it: what the Temporal UI shows in the pending
 * activity's heartbeat details and what {@code cutover watch} draws as a progress bar with an ETA.
 *
 * @param unit what is counted: rows, records, requests
 * @param done how many so far
 * @param total how many in all, or null when not known
 * @param startedAtMillis when the step's work began (epoch millis), for the rate and the ETA
 * @param note the latest line worth showing, e.g. the current table or batch
 */
public record Progress(String unit, long done, Long total, long startedAtMillis, String note) {}
