package io.cutover.activities.watch;

import io.cutover.activities.Bucket;
import io.cutover.activities.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition (format 0.0.4, and the OpenMetrics text it resembles): every
 * sample with its labels, and every {@code # TYPE}.
 */
public final class Exposition {
  /** One sample line. */
  public record Series(String name, Map<String, String> labels, double value) {}

  private final List<Series> series = new ArrayList<>();
  private final Map<String, String> types = new HashMap<>();

  private Exposition() {}

  public static Exposition parse(String text) {
    Exposition e = new Exposition();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split("\\s+");
        if (parts.length >= 4 && parts[1].equals("TYPE")) {
          e.types.put(parts[2], parts[3]);
        }
        continue;
      }
      try {
        e.series.add(sample(line));
      } catch (RuntimeException bad) {
        throw new IllegalArgumentException(
            "line " + n + " is not a Prometheus sample (" + bad.getMessage() + "): " + line);
      }
    }
    return e;
  }

  private static Series sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
          i++;
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq).trim();
        i = eq + 1;
        while (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
          i++; // blanks after '=' are allowed, as Prometheus' own text parser allows them
        }
        if (line.charAt(i) != '"') {
          throw new IllegalArgumentException("label value not quoted");
        }
        i++;
        StringBuilder v = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\') {
            char next = line.charAt(++i);
            v.append(next == 'n' ? '\n' : next);
          } else {
            v.append(c);
          }
          i++;
        }
        i++;
        labels.put(label, v.toString());
      }
    }
    String[] rest = line.substring(i).trim().split("\\s+");
    return new Series(name, labels, number(rest[0]));
  }

  static double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** The declared type of a metric family: counter, gauge, histogram, summary, untyped, or null. */
  public String type(String name) {
    String t = types.get(name);
    if (t == null && name.endsWith("_total")) {
      t = types.get(name.substring(0, name.length() - "_total".length()));
    }
    if (t == null && name.endsWith("_total")) {
      return "counter";
    }
    return t;
  }

  /** Sum of the samples named by the selector; null when none matches. */
  public Double sum(Selector s) {
    double total = 0;
    boolean any = false;
    for (Series x : series) {
      if (x.name().equals(s.name()) && s.matchesLabels(x.labels())) {
        total += x.value();
        any = true;
      }
    }
    return any ? total : null;
  }

  /**
   * Cumulative buckets of a histogram family, summed over the series the selector's labels match.
   */
  public List<Bucket> buckets(Selector s) {
    Map<String, Double> byLe = new LinkedHashMap<>();
    for (Series x : series) {
      if (!x.name().equals(s.name() + "_bucket") || !x.labels().containsKey("le")) {
        continue;
      }
      Map<String, String> others = new HashMap<>(x.labels());
      String le = others.remove("le");
      if (s.matchesLabels(others)) {
        String key = le.equals("Inf") ? "+Inf" : le;
        byLe.merge(key, x.value(), Double::sum);
      }
    }
    List<Bucket> out = new ArrayList<>();
    byLe.forEach((le, count) -> out.add(new Bucket(le, count)));
    return out;
  }

  /**
   * Reads a selector the way its family's type says: a counter total, histogram buckets, or a
   * gauge.
   */
  public Reading read(Selector select, Selector per, boolean wantQuantile) {
    String type = type(select.name());
    if ("histogram".equals(type) || (type == null && wantQuantile)) {
      List<Bucket> b = buckets(select);
      if (b.isEmpty()) {
        return Reading.failed(
            "no " + select.name() + "_bucket series matches " + select.matchers());
      }
      if (!wantQuantile) {
        return Reading.failed(select.name() + " is a histogram: give 'quantile' (e.g. 0.95)");
      }
      if (b.stream().noneMatch(x -> x.le().equals("+Inf"))) {
        return Reading.failed(select.name() + " has no +Inf bucket");
      }
      return Reading.histogram(b, b.size() + " buckets");
    }
    Double v = sum(select);
    boolean declared =
        types.containsKey(select.name())
            || (select.name().endsWith("_total")
                && types.containsKey(select.name().substring(0, select.name().length() - 6)));
    if (v == null && !declared) {
      return Reading.failed(
          "no series matches " + select.name() + (select.matchers().isEmpty() ? "" : "{...}"));
    }
    if ("counter".equals(type)) {
      Double of = null;
      if (per != null) {
        of = sum(per);
        if (of == null) {
          of = 0.0;
        }
      }
      // No matching series means nothing counted yet (e.g. no 5xx so far): zero, not missing.
      return Reading.counter(v == null ? 0.0 : v, of);
    }
    if (v == null) {
      return Reading.failed(
          "no series matches " + select.name() + (select.matchers().isEmpty() ? "" : "{...}"));
    }
    return Reading.gauge(v, null);
  }
}
