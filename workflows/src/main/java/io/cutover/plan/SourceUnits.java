package io.cutover.plan;

/** The {@code unit} a metric source declares, read as a display kind and a base multiplier. */
final class SourceUnits {
  private SourceUnits() {}

  static String display(String unit) {
    if (unit == null) {
      return "number";
    }
    return switch (unit) {
      case "ratio", "percent", "%" -> "ratio";
      case "ms", "s", "seconds" -> "seconds";
      case "bytes", "KB", "MB", "GB", "KiB", "MiB", "GiB" -> "bytes";
      case "count" -> "count";
      default -> "number";
    };
  }

  static double toBase(String unit) {
    Double f = Units.factor(unit == null ? "" : unit);
    return f == null ? 1.0 : f;
  }

  static boolean known(String unit) {
    return unit == null || Units.factor(unit) != null || unit.equals("number");
  }
}
