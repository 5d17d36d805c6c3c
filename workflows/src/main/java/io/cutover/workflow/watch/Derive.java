package io.cutover.workflow.watch;

import io.cutover.activities.Bucket;
import io.cutover.activities.Reading;
import io.cutover.plan.MetricSource;
import io.cutover.plan.PrometheusMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw readings into values: counters into per-second rates or ratios between two readings,
 * histograms into quantiles of what was observed between them (as Prometheus's {@code rate} and
 * {@code histogram_quantile} do), log lines into a running count. Pure arithmetic, so it runs in
 * workflow code.
 */
public final class Derive {
  private Derive() {}

  /**
   * The value of a metric given its previous reading (null at the first sample) and the seconds
   * between the two; null when there is none yet (a rate needs two readings) or the source failed.
   */
  public static Double value(
      MetricSource source, Reading previous, Reading current, double seconds) {
    if (current == null || !current.ok() || current.kind() == null) {
      return null;
    }
    return switch (current.kind()) {
      case "gauge" -> current.value() == null ? null : current.value() * source.toBase();
      case "health", "lines" -> current.value();
      case "counter" -> counter(source, previous, current, seconds);
      case "histogram" -> histogram(source, previous, current);
      default -> null;
    };
  }

  private static Double counter(
      MetricSource source, Reading previous, Reading current, double seconds) {
    if (previous == null
        || !"counter".equals(previous.kind())
        || current.total() == null
        || previous.total() == null) {
      return null;
    }
    double increase = increase(previous.total(), current.total());
    if (source instanceof PrometheusMetric p && p.per() != null) {
      if (current.perTotal() == null || previous.perTotal() == null) {
        return null;
      }
      double of = increase(previous.perTotal(), current.perTotal());
      return of <= 0 ? null : increase / of;
    }
    return seconds <= 0 ? null : increase / seconds;
  }

  /** A counter's increase; a counter that went down was reset, so all of it is new. */
  static double increase(double before, double after) {
    return after >= before ? after - before : after;
  }

  private static Double histogram(MetricSource source, Reading previous, Reading current) {
    if (!(source instanceof PrometheusMetric p) || p.quantile() == null) {
      return null;
    }
    if (previous == null || !"histogram".equals(previous.kind())) {
      return null;
    }
    List<Bucket> now = sorted(current.buckets());
    List<Bucket> before = sorted(previous.buckets());
    List<double[]> delta = new ArrayList<>();
    boolean reset = false;
    for (Bucket b : now) {
      double was = 0;
      for (Bucket o : before) {
        if (o.le().equals(b.le())) {
          was = o.count();
        }
      }
      if (b.count() < was) {
        reset = true;
      }
      delta.add(new double[] {b.upper(), b.count() - was});
    }
    if (reset) {
      delta.clear();
      now.forEach(b -> delta.add(new double[] {b.upper(), b.count()}));
    }
    return quantile(p.quantile(), delta);
  }

  private static List<Bucket> sorted(List<Bucket> buckets) {
    List<Bucket> out = new ArrayList<>(buckets);
    out.sort((a, b) -> Double.compare(a.upper(), b.upper()));
    return out;
  }

  /**
   * Prometheus's {@code histogram_quantile}: the bucket holding the q-th observation, linearly
   * interpolated; the largest finite bound when it falls in the {@code +Inf} bucket.
   *
   * @param buckets {upper bound, cumulative count} sorted by bound, the last one {@code +Inf}
   */
  public static Double quantile(double q, List<double[]> buckets) {
    if (buckets.isEmpty()) {
      return null;
    }
    double total = buckets.get(buckets.size() - 1)[1];
    if (total <= 0) {
      return null;
    }
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (double[] b : buckets) {
      if (b[1] >= rank) {
        if (Double.isInfinite(b[0])) {
          return lower;
        }
        if (b[1] == below) {
          return b[0];
        }
        return lower + (b[0] - lower) * (rank - below) / (b[1] - below);
      }
      lower = b[0];
      below = b[1];
    }
    return lower;
  }

  /**
   * Relative growth per hour over the span: the least-squares slope of the points, divided by the
   * fitted value at the span's start. Null until the points reach back over the whole span.
   *
   * @param points the metric's points, oldest first; the first must be at or before {@code t -
   *     span}
   */
  public static Double growthPerHour(List<Point> points, long t, long span) {
    if (points.size() < 2 || points.get(0).t() > t - span) {
      return null;
    }
    double n = points.size();
    double mt = 0;
    double mv = 0;
    for (Point p : points) {
      mt += p.t() / n;
      mv += p.v() / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (Point p : points) {
      sxy += (p.t() - mt) * (p.v() - mv);
      sxx += (p.t() - mt) * (p.t() - mt);
    }
    if (sxx == 0) {
      return null;
    }
    double slope = sxy / sxx;
    double start = mv + slope * (points.get(0).t() - mt);
    if (start <= 0) {
      return null;
    }
    return slope * 3_600_000.0 / start;
  }

  /** The points a span ending at {@code t} uses: those inside it and the latest one before it. */
  public static List<Point> span(List<Point> points, long t, long span) {
    int from = 0;
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).t() <= t - span) {
        from = i;
      }
    }
    return points.subList(from, points.size());
  }

  /**
   * Keeps the points a span of {@code span} ms ending at {@code t} needs: those in it and one
   * before.
   */
  public static void trim(List<Point> points, long t, long span) {
    while (points.size() > 1 && points.get(1).t() <= t - span) {
      points.remove(0);
    }
  }
}
