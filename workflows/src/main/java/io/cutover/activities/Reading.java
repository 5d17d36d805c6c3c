package io.cutover.activities;

import java.util.List;

/**
 * What a source showed at one sample, raw: the workflow turns counters into rates and histograms
 * into quantiles between two readings.
 *
 * @param kind {@code gauge}, {@code counter}, {@code histogram}, {@code lines} (new matching log
 *     lines) or {@code health} (1 failing, 0 passing)
 * @param value a gauge's value, the number of new matching lines, or the probe's 1/0
 * @param total a counter's total
 * @param perTotal the {@code per} counter's total, for a ratio
 * @param buckets a histogram's cumulative buckets
 * @param cursor for log metrics: where this reading stopped
 * @param detail a short description (the failing probe check, the command's exit)
 * @param error why there is no value; the other fields are then empty
 */
public record Reading(
    String kind,
    Double value,
    Double total,
    Double perTotal,
    List<Bucket> buckets,
    LogCursor cursor,
    String detail,
    String error) {
  public Reading {
    buckets = buckets == null ? List.of() : List.copyOf(buckets);
  }

  public static Reading gauge(double value, String detail) {
    return new Reading("gauge", value, null, null, null, null, detail, null);
  }

  /** A counter's total, and the {@code per} counter's total for a ratio (null without one). */
  public static Reading counter(double total, Double perTotal) {
    return new Reading("counter", null, total, perTotal, null, null, null, null);
  }

  /** A histogram's cumulative buckets. */
  public static Reading histogram(List<Bucket> buckets, String detail) {
    return new Reading("histogram", null, null, null, buckets, null, detail, null);
  }

  /** New log lines matching since the last reading, and where this reading stopped. */
  public static Reading lines(long matches, LogCursor cursor, String firstMatch) {
    return new Reading("lines", (double) matches, null, null, null, cursor, firstMatch, null);
  }

  /** A probe: failing (1) or passing (0), with the failing check. */
  public static Reading health(boolean failing, String detail) {
    return new Reading("health", failing ? 1.0 : 0.0, null, null, null, null, detail, null);
  }

  public static Reading failed(String error) {
    return new Reading(null, null, null, null, null, null, null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
