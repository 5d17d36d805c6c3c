package io.cutover.plan;

import java.util.Locale;

/**
 * The units a plan may write values in, as multipliers to base units: a ratio for {@code %},
 * seconds for {@code ms}/{@code s}, bytes for {@code KB}..{@code GiB}.
 */
public final class Units {
  private Units() {}

  /**
   * Base-unit multiplier of a suffix such as {@code %}, {@code ms}, {@code MB}; null if unknown.
   */
  public static Double factor(String suffix) {
    if (suffix == null || suffix.isEmpty()) {
      return 1.0;
    }
    return switch (suffix) {
      case "%", "percent" -> 0.01;
      case "ms" -> 0.001;
      case "s", "/s", "ratio", "count", "bytes", "seconds" -> 1.0;
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "KiB" -> 1024.0;
      case "MiB" -> 1024.0 * 1024;
      case "GiB" -> 1024.0 * 1024 * 1024;
      default -> null;
    };
  }

  /** A value in base units written in the given suffix, e.g. 0.0123 as {@code 1.23%}. */
  public static String format(Double base, String suffix) {
    if (base == null) {
      return "no data";
    }
    if (base.isNaN() || base.isInfinite()) {
      return String.valueOf(base);
    }
    Double f = factor(suffix);
    double v = base / (f == null ? 1.0 : f);
    String s = suffix == null ? "" : suffix;
    return number(v) + (s.isEmpty() || s.equals("/s") || s.equals("%") ? s : " " + s);
  }

  /** A value shown in the natural unit of a metric's display kind. */
  public static String natural(Double base, String display) {
    if (base == null) {
      return "no data";
    }
    return switch (display == null ? "number" : display) {
      case "ratio" -> format(base, "%");
      case "seconds" -> base < 10 ? format(base, "ms") : format(base, "s");
      case "bytes" -> format(base, "MB");
      case "rate" -> number(base) + "/s";
      case "count" -> number(base);
      case "health" -> base >= 1 ? "failing" : "ok";
      default -> number(base);
    };
  }

  public static String number(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.01 || a >= 1e9)) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    if (v == Math.rint(v) && a < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, a < 10 ? "%.3f" : a < 100 ? "%.2f" : "%.1f", v)
        .replaceAll("0+$", "")
        .replaceAll("\\.$", "");
  }
}
