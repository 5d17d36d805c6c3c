package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .env} files: {@code KEY=value} lines, optionally {@code export KEY=...}, values bare,
 * single-quoted (literal) or double-quoted (with backslash escapes), {@code #} comments on their
 * own line or after a bare value.
 */
final class EnvFormat implements ConfigFormat {
  /** One assignment found on a line: where its value's text starts and ends. */
  private record Entry(String key, int line, int valueStart, int valueEnd, String value) {}

  @Override
  public boolean nested() {
    return false;
  }

  @Override
  public String set(String text, Map<String, Object> values) throws ConfigException {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    Map<String, Entry> entries = parse(lines);
    for (Map.Entry<String, Object> v : values.entrySet()) {
      String rendered = render(String.valueOf(v.getValue()));
      Entry e = entries.get(v.getKey());
      if (e != null) {
        String l = lines.get(e.line());
        lines.set(e.line(), l.substring(0, e.valueStart()) + rendered + l.substring(e.valueEnd()));
      } else {
        int at = lines.size();
        if (at > 0 && lines.get(at - 1).isEmpty()) {
          at--;
        }
        lines.add(at, v.getKey() + "=" + rendered);
      }
    }
    return String.join("\n", lines);
  }

  @Override
  public JsonNode read(String text) throws ConfigException {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    parse(List.of(text.split("\n", -1))).forEach((k, e) -> out.put(k, e.value()));
    return out;
  }

  private static Map<String, Entry> parse(List<String> lines) throws ConfigException {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String l = lines.get(n);
      int i = skipSpace(l, 0);
      if (i >= l.length() || l.charAt(i) == '#') {
        continue;
      }
      if (l.startsWith("export ", i)) {
        i = skipSpace(l, i + 7);
      }
      int keyStart = i;
      while (i < l.length()
          && (Character.isLetterOrDigit(l.charAt(i))
              || l.charAt(i) == '_'
              || l.charAt(i) == '.'
              || l.charAt(i) == '-')) {
        i++;
      }
      String key = l.substring(keyStart, i);
      i = skipSpace(l, i);
      if (key.isEmpty() || i >= l.length() || l.charAt(i) != '=') {
        throw new ConfigException("line " + (n + 1) + " is not KEY=value: " + l);
      }
      i = skipSpace(l, i + 1);
      int start = i;
      String value;
      if (i < l.length() && (l.charAt(i) == '"' || l.charAt(i) == '\'')) {
        char q = l.charAt(i);
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < l.length() && l.charAt(i) != q) {
          char c = l.charAt(i);
          if (q == '"' && c == '\\' && i + 1 < l.length()) {
            char next = l.charAt(++i);
            sb.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
          } else {
            sb.append(c);
          }
          i++;
        }
        if (i >= l.length()) {
          throw new ConfigException(
              "line "
                  + (n + 1)
                  + ": unterminated quoted value (multi-line values are not supported)");
        }
        value = sb.toString();
        i++;
      } else {
        int end = i;
        while (end < l.length()
            && !(l.charAt(end) == '#'
                && end > start
                && Character.isWhitespace(l.charAt(end - 1)))) {
          end++;
        }
        value = l.substring(i, end).strip();
        i = i + l.substring(i, end).stripTrailing().length();
      }
      out.put(key, new Entry(key, n, start, i, value));
    }
    return out;
  }

  private static int skipSpace(String l, int i) {
    while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String render(String v) {
    boolean bare =
        !v.isEmpty()
            && v.chars().allMatch(c -> Character.isLetterOrDigit(c) || "_./:@,+-=".indexOf(c) >= 0);
    if (bare) {
      return v;
    }
    return '"'
        + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("$", "\\$")
        + '"';
  }
}
