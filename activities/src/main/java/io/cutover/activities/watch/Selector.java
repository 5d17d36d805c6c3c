package io.cutover.activities.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Prometheus series selector: {@code name}, optionally with label matchers {@code =}, {@code !=},
 * {@code =~} and {@code !~} (regular expressions match the whole value, as in PromQL), e.g. {@code
 * http_requests_total{code=~"5..",job!="batch"}}.
 */
public record Selector(String name, List<Matcher> matchers) {
  /** One label matcher. */
  public record Matcher(String label, String op, String value, Pattern regex) {
    boolean matches(Map<String, String> labels) {
      String v = labels.getOrDefault(label, "");
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> regex.matcher(v).matches();
        default -> !regex.matcher(v).matches();
      };
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  public static Selector parse(String text) {
    String t = text == null ? "" : text.trim();
    int brace = t.indexOf('{');
    String name = (brace < 0 ? t : t.substring(0, brace)).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' does not start with a metric name, e.g. http_requests_total{code=~\"5..\"}");
    }
    List<Matcher> matchers = new ArrayList<>();
    if (brace >= 0) {
      if (!t.endsWith("}")) {
        throw new IllegalArgumentException("'" + text + "': the label matchers must end with }");
      }
      String body = t.substring(brace + 1, t.length() - 1);
      int i = 0;
      while (i < body.length()) {
        while (i < body.length()
            && (body.charAt(i) == ',' || Character.isWhitespace(body.charAt(i)))) {
          i++;
        }
        if (i >= body.length()) {
          break;
        }
        int start = i;
        while (i < body.length()
            && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '_')) {
          i++;
        }
        String label = body.substring(start, i);
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
          i++;
        }
        String op;
        if (body.startsWith("=~", i) || body.startsWith("!=", i) || body.startsWith("!~", i)) {
          op = body.substring(i, i + 2);
          i += 2;
        } else if (body.startsWith("=", i)) {
          op = "=";
          i++;
        } else {
          throw new IllegalArgumentException(
              "'" + text + "': expected =, !=, =~ or !~ after label '" + label + "'");
        }
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
          i++;
        }
        if (label.isEmpty() || i >= body.length() || body.charAt(i) != '"') {
          throw new IllegalArgumentException(
              "'" + text + "': write label matchers as label=\"value\"");
        }
        StringBuilder value = new StringBuilder();
        i++;
        while (i < body.length() && body.charAt(i) != '"') {
          char c = body.charAt(i);
          if (c == '\\' && i + 1 < body.length()) {
            char n = body.charAt(++i);
            value.append(n == 'n' ? '\n' : n);
          } else {
            value.append(c);
          }
          i++;
        }
        if (i >= body.length()) {
          throw new IllegalArgumentException(
              "'" + text + "': unclosed quote in the value of '" + label + "'");
        }
        i++;
        String v = value.toString();
        matchers.add(new Matcher(label, op, v, op.contains("~") ? Pattern.compile(v) : null));
      }
    }
    return new Selector(name, List.copyOf(matchers));
  }

  /** True when a series with these labels matches every matcher (the name is checked apart). */
  public boolean matchesLabels(Map<String, String> labels) {
    return matchers.stream().allMatch(m -> m.matches(labels));
  }
}
