package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Java {@code .properties}: logical lines (with backslash continuations), keys ended by {@code =},
 * {@code :} or white space, {@code #}/{@code !} comments. Read back with {@link Properties}.
 */
final class PropertiesFormat implements ConfigFormat {
  @Override
  public boolean nested() {
    return false;
  }

  @Override
  public String set(String text, Map<String, Object> values) throws ConfigException {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String cr = text.contains("\r\n") ? "\r" : ""; // a CRLF file stays CRLF
    for (Map.Entry<String, Object> v : values.entrySet()) {
      String line = escapeKey(v.getKey()) + "=" + escapeValue(String.valueOf(v.getValue())) + cr;
      int[] span = find(lines, v.getKey());
      if (span != null) {
        for (int i = span[1]; i > span[0]; i--) {
          lines.remove(i);
        }
        lines.set(span[0], line);
      } else {
        int at = lines.size();
        if (at > 0 && lines.get(at - 1).isEmpty()) {
          at--;
        }
        lines.add(at, line);
      }
    }
    return String.join("\n", lines);
  }

  /**
   * First and last physical line of the logical line that defines the key (the last one wins in
   * Properties).
   */
  private static int[] find(List<String> lines, String key) {
    int[] found = null;
    for (int n = 0; n < lines.size(); n++) {
      int first = n;
      String start = withoutCr(lines.get(n)).stripLeading();
      if (start.isEmpty() || start.charAt(0) == '#' || start.charAt(0) == '!') {
        continue; // a comment line never continues onto the next one, even ending in a backslash
      }
      StringBuilder logical = new StringBuilder(withoutCr(lines.get(n)).stripLeading());
      while (endsWithContinuation(withoutCr(lines.get(n))) && n + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(withoutCr(lines.get(++n)).stripLeading());
      }
      String l = logical.toString();
      if (l.isEmpty() || l.charAt(0) == '#' || l.charAt(0) == '!') {
        continue;
      }
      if (key.equals(keyOf(l))) {
        found = new int[] {first, n};
      }
    }
    return found;
  }

  /** A physical line of a CRLF file without its CR, as {@link Properties} reads it. */
  private static String withoutCr(String l) {
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }

  private static boolean endsWithContinuation(String l) {
    int slashes = 0;
    for (int i = l.length() - 1; i >= 0 && l.charAt(i) == '\\'; i--) {
      slashes++;
    }
    return slashes % 2 == 1;
  }

  private static String keyOf(String logical) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(logical));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return p.stringPropertyNames().stream().findFirst().orElse(null);
  }

  @Override
  public JsonNode read(String text) throws ConfigException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("not a valid properties file: " + e.getMessage());
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      out.put(k, p.getProperty(k));
    }
    return out;
  }

  private static String escapeKey(String k) {
    StringBuilder sb = new StringBuilder();
    for (char c : k.toCharArray()) {
      if ("=: \t#!\\".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String escapeValue(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case ' ' -> sb.append(i == 0 ? "\\ " : " ");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
