package io.cutover.activities;

import io.cutover.api.CutoverReport;
import io.cutover.plan.RecordSpec;

/** The report of a finished run and where its governance record goes. */
public record RecordRequest(String baseDir, RecordSpec spec, CutoverReport report) {}
