package io.cutover.testing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reading Prometheus text exposition as a test does: samples by name and labels (a NaN or ±Inf
 * value too).
 */
public final class PromText {
  private PromText() {}

  /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
  public static double value(String exposition, String name, String... labels) {
    String line = find(exposition, name, labels);
    if (line == null) {
      throw new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + exposition);
    }
    String v = line.substring(line.lastIndexOf(' ') + 1);
    return switch (v) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  public static boolean has(String exposition, String name, String... labels) {
    return find(exposition, name, labels) != null;
  }

  private static String find(String exposition, String name, String... labels) {
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        return line;
      }
    }
    return null;
  }

  /** The series names (histogram and counter suffixes included) of an exposition. */
  public static Set<String> names(String exposition) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      out.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
    }
    return out;
  }
}
