package io.cutover.plan;

/**
 * Where the governance record, the execution log and the JSON report of each run are written.
 *
 * @param dir folder, relative to the plan's folder; each run writes into its own sub-folder
 * @param event the record's event title
 * @param source where the new data comes from, as the record should name it
 * @param nextValidationIn when the next validation is due after a successful run, e.g. 31d
 */
public record RecordSpec(String dir, String event, String source, Span nextValidationIn) {}
