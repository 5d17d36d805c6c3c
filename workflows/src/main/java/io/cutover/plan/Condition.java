package io.cutover.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trigger's condition, parsed from the words a runbook uses:
 *
 * <pre>
 *   error_rate > 1% for 5 minutes
 *   error_rate > 2x baseline for 10 consecutive minutes
 *   error_rate > max(2x baseline, 0.5%) for 10m
 *   p95 > 500ms sustained 15 minutes
 *   memory growing > 20%/hour
 *   leak_lines > 0
 *   health failing > 5 minutes
 *   queue_depth == 0
 * </pre>
 *
 * Values are compared in base units: {@code 1%} is 0.01, {@code 500ms} is 0.5 (seconds), {@code
 * 200MB} is 2e8 bytes. {@code ==} and {@code !=} compare exactly (a {@code hold} step's {@code
 * queue_depth == 0}). The condition must hold at every sample for the {@code for} duration, counted
 * from the first sample that met it; without a duration it fires at once.
 *
 * @param threshold the limit in base units; for {@code GROWTH} a fraction per hour (0.2 for
 *     20%/hour); for {@code BASELINE} the floor under the scaled baseline (0 when none)
 * @param unit the suffix the plan wrote the limit in, used to show values the same way
 * @param factor the baseline multiplier of a {@code BASELINE} condition
 * @param forMillis how long the condition must hold before the trigger fires
 */
public record Condition(
    String metric,
    Kind kind,
    String op,
    double threshold,
    String unit,
    double factor,
    long forMillis) {

  /** The kinds of condition. */
  public enum Kind {
    /** {@code metric > value}. */
    THRESHOLD,
    /** {@code metric > N x baseline}: the limit comes from the pre-switch baseline. */
    BASELINE,
    /** {@code metric growing > N%/hour}: the relative slope over the trigger's span. */
    GROWTH,
    /** {@code probe failing}: a probe metric is 1. */
    FAILING
  }

  private static final int CI = Pattern.CASE_INSENSITIVE;
  private static final String METRIC = "([A-Za-z_][A-Za-z0-9_.-]*)";
  private static final String NUM = "(\\d+(?:\\.\\d+)?)";
  private static final String UNIT = "(%|ms|s|/s|KB|MB|GB|KiB|MiB|GiB)?";
  private static final Pattern HOLD =
      Pattern.compile(
          "^(.*?)\\s+(?:for|sustained(?:\\s+for)?|during|held\\s+for)\\s+([^<>=]+)$", CI);
  private static final Pattern FAILING =
      Pattern.compile(
          "^"
              + METRIC
              + "\\s+(?:is\\s+)?failing(?:\\s+(?:for|>=|>|longer\\s+than|more\\s+than|over)\\s+(.+))?$",
          CI);
  private static final Pattern GROWING =
      Pattern.compile(
          "^"
              + METRIC
              + "\\s+(?:is\\s+)?growing\\s*(>=|>)\\s*"
              + NUM
              + "\\s*%\\s*(?:/|per\\s+)\\s*(?:h|hr|hour)$",
          CI);
  private static final Pattern COMPARE =
      Pattern.compile("^" + METRIC + "\\s*(>=|<=|==|!=|>|<)\\s*(.+)$");
  private static final Pattern VALUE = Pattern.compile("^" + NUM + "\\s*" + UNIT + "$");
  private static final Pattern BASELINE =
      Pattern.compile("^" + NUM + "\\s*x\\s*(?:the\\s+)?baseline$", CI);
  private static final Pattern MAX_BASELINE =
      Pattern.compile(
          "^max\\(\\s*"
              + NUM
              + "\\s*x\\s*(?:the\\s+)?baseline\\s*,\\s*"
              + NUM
              + "\\s*"
              + UNIT
              + "\\s*\\)$",
          CI);
  static final String FORMS =
      "write it like 'error_rate > 1% for 5 minutes', 'error_rate > 2x baseline for 10m', 'p95 >"
          + " 500ms sustained 15 minutes', 'memory growing > 20%/hour', 'errors > 0', 'queue_depth"
          + " == 0' or 'health failing > 5 minutes'";

  /** Parses a condition; throws {@link IllegalArgumentException} saying how to write it. */
  public static Condition parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the condition is empty: " + FORMS);
    }
    String t =
        text.trim().replace('×', 'x').replace("≥", ">=").replace("≤", "<=").replaceAll("\\s+", " ");
    Matcher m = FAILING.matcher(t);
    if (m.matches()) {
      return new Condition(
          m.group(1),
          Kind.FAILING,
          ">=",
          1,
          null,
          1,
          m.group(2) == null ? 0 : duration(m.group(2)));
    }
    long hold = 0;
    Matcher h = HOLD.matcher(t);
    if (h.matches()) {
      hold = duration(h.group(2));
      t = h.group(1).trim();
    }
    m = GROWING.matcher(t);
    if (m.matches()) {
      return new Condition(
          m.group(1),
          Kind.GROWTH,
          m.group(2),
          Double.parseDouble(m.group(3)) / 100,
          "%/h",
          1,
          hold);
    }
    m = COMPARE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read condition '" + text + "': " + FORMS);
    }
    String metric = m.group(1);
    String op = m.group(2);
    String rhs = m.group(3).trim();
    Matcher v = VALUE.matcher(rhs);
    if (v.matches()) {
      String unit = v.group(2) == null ? "" : v.group(2);
      return new Condition(
          metric,
          Kind.THRESHOLD,
          op,
          Double.parseDouble(v.group(1)) * Units.factor(unit),
          unit,
          1,
          hold);
    }
    Matcher b = BASELINE.matcher(rhs);
    if (b.matches()) {
      return new Condition(
          metric, Kind.BASELINE, op, 0, null, Double.parseDouble(b.group(1)), hold);
    }
    Matcher mb = MAX_BASELINE.matcher(rhs);
    if (mb.matches()) {
      String unit = mb.group(3) == null ? "" : mb.group(3);
      return new Condition(
          metric,
          Kind.BASELINE,
          op,
          Double.parseDouble(mb.group(2)) * Units.factor(unit),
          unit,
          Double.parseDouble(mb.group(1)),
          hold);
    }
    throw new IllegalArgumentException(
        "cannot read the limit '"
            + rhs
            + "' in '"
            + text
            + "': give a number with an optional unit (%, ms, s, /s, KB, MB, GB, KiB, MiB, GiB),"
            + " 'Nx baseline' or 'max(Nx baseline, value)'");
  }

  /**
   * A duration as runbooks write it: {@code 5m}, {@code 5 minutes}, {@code 10 consecutive minutes},
   * {@code 1h30m}.
   */
  static long duration(String text) {
    try {
      return Span.parse(text).millis();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the duration '"
              + text
              + "': write 30s, 5m, 5 minutes, 10 consecutive minutes or 1h");
    }
  }

  /** The same condition with its hold duration multiplied (a shortened rehearsal window). */
  public Condition scaled(double by) {
    return by == 1.0
        ? this
        : new Condition(metric, kind, op, threshold, unit, factor, Math.round(forMillis * by));
  }

  /** The same condition with another hold duration. */
  public Condition holding(long millis) {
    return new Condition(metric, kind, op, threshold, unit, factor, millis);
  }

  /**
   * The limit to compare with, in base units; null when it depends on a baseline that is missing.
   */
  public Double limit(Double baseline) {
    if (kind != Kind.BASELINE) {
      return threshold;
    }
    return baseline == null ? null : Math.max(factor * baseline, threshold);
  }

  /** True when the value is past the limit. */
  public boolean breached(double value, double limit) {
    return switch (op) {
      case ">" -> value > limit;
      case ">=" -> value >= limit;
      case "<" -> value < limit;
      case "==" -> same(value, limit);
      case "!=" -> !same(value, limit);
      default -> value <= limit;
    };
  }

  /**
   * Equal up to rounding: a percentage scaled to a ratio must still equal the limit written the
   * same way.
   */
  private static boolean same(double value, double limit) {
    return Math.abs(value - limit) <= 1e-9 * Math.max(1.0, Math.abs(limit));
  }

  /**
   * How close the value is to the limit: 1.0 at the limit, above 1 past it; null for {@code ==} and
   * {@code !=}.
   */
  public Double closeness(Double value, Double limit) {
    if (value == null || limit == null || op.equals("==") || op.equals("!=")) {
      return null;
    }
    if (op.startsWith(">")) {
      return limit == 0 ? (value > 0 ? Double.POSITIVE_INFINITY : 0.0) : value / limit;
    }
    return value == 0 ? (limit > 0 ? Double.POSITIVE_INFINITY : 1.0) : limit / value;
  }

  /** A value of the watched quantity, written in the unit the plan wrote the limit in. */
  public String show(Double value, String naturalDisplay) {
    if (kind == Kind.FAILING) {
      return value == null ? "no data" : value >= 1 ? "failing" : "ok";
    }
    if (kind == Kind.GROWTH) {
      return value == null ? "not enough data yet" : Units.format(value, "%") + "/h";
    }
    return unit == null || unit.isEmpty()
        ? Units.natural(value, naturalDisplay)
        : Units.format(value, unit);
  }
}
