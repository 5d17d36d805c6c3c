package io.cutover.workflow.watch;

import io.cutover.activities.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * What a window remembers about one metric between samples (and across continue-as-new): the last
 * raw reading, to turn counters into rates; the lines counted so far; the points a growth trigger
 * needs; running statistics. Public fields: it travels as workflow input.
 */
public final class MetricState {
  /** The last reading that had a value (holds counters, buckets, the log cursor). */
  public Reading last;

  /** Scheduled time of {@link #last}. */
  public long lastMillis;

  /** The value derived at the latest sample; null when it had none. */
  public Double value;

  /** Why the latest sample had no value. */
  public String error;

  /** For log metrics: matching lines since the window began. */
  public double lines;

  /** Points kept for growth triggers: the span they measure, plus one before it. */
  public List<Point> series = new ArrayList<>();

  /** The latest few values, oldest first. */
  public List<Double> recent = new ArrayList<>();

  public Double min;
  public Double max;
  public double sum;
  public int count;

  void observe(Double v, int keepRecent) {
    value = v;
    recent.add(v);
    while (recent.size() > keepRecent) {
      recent.remove(0);
    }
    if (v != null) {
      min = min == null ? v : Math.min(min, v);
      max = max == null ? v : Math.max(max, v);
      sum += v;
      count++;
    }
  }

  Double mean() {
    return count == 0 ? null : sum / count;
  }
}
