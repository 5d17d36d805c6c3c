package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * TOML: a scanner that follows table headers ({@code [a.b]}) and key lines ({@code k = v}, dotted
 * keys too) finds the one-line value of a key and replaces its text, keeping any comment after it;
 * a missing key is added at the end of its table (or a new table). Multi-line values are refused.
 * The result is read back with jackson-dataformat-toml.
 */
final class TomlFormat implements ConfigFormat {
  private static final TomlMapper MAPPER = new TomlMapper();

  @Override
  public boolean nested() {
    return true;
  }

  @Override
  public String set(String text, Map<String, Object> values) throws ConfigException {
    String out = text;
    for (Map.Entry<String, Object> v : values.entrySet()) {
      out = setOne(out, v.getKey(), v.getValue());
    }
    return out;
  }

  private static String setOne(String text, String key, Object value) throws ConfigException {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    String rendered = JsonFormat.render(value);
    String table = "";
    int firstHeader = -1;
    int lastLineOfTable = -1;
    int lastTopLevel = -1;
    String wantTable = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
    for (int n = 0; n < lines.size(); n++) {
      String l = lines.get(n).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[")) {
        if (l.startsWith("[[")) {
          throw new ConfigException(
              "arrays of tables ([[...]]) are not supported: change the file by hand");
        }
        int close = l.indexOf(']');
        table = unquote(l.substring(1, close).strip());
        if (firstHeader < 0) {
          firstHeader = n;
        }
        continue;
      }
      int eq = equalsSign(l);
      if (eq < 0) {
        continue;
      }
      String full = (table.isEmpty() ? "" : table + ".") + unquote(l.substring(0, eq).strip());
      if (table.equals(wantTable)) {
        lastLineOfTable = n;
      }
      if (table.isEmpty()) {
        lastTopLevel = n;
      }
      if (full.equals(key)) {
        String raw = lines.get(n);
        int valueStart = raw.indexOf('=', raw.indexOf(l.substring(0, eq).strip())) + 1;
        while (valueStart < raw.length() && raw.charAt(valueStart) == ' ') {
          valueStart++;
        }
        int valueEnd = valueEnd(raw, valueStart);
        lines.set(n, raw.substring(0, valueStart) + rendered + raw.substring(valueEnd));
        return String.join("\n", lines);
      }
    }
    String leaf = key.contains(".") ? key.substring(key.lastIndexOf('.') + 1) : key;
    String line = bare(leaf) + " = " + rendered;
    if (wantTable.isEmpty()) {
      int at =
          lastTopLevel >= 0 ? lastTopLevel + 1 : firstHeader < 0 ? endOfText(lines) : firstHeader;
      lines.add(at, line);
    } else if (lastLineOfTable >= 0) {
      lines.add(lastLineOfTable + 1, line);
    } else {
      int at = endOfText(lines);
      lines.add(at, "[" + wantTable + "]");
      lines.add(at + 1, line);
      lines.add(at, "");
    }
    return String.join("\n", lines);
  }

  private static int endOfText(List<String> lines) {
    int at = lines.size();
    if (at > 0 && lines.get(at - 1).isEmpty()) {
      at--;
    }
    return at;
  }

  private static int equalsSign(String l) {
    char q = 0;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (q != 0) {
        if (c == q) {
          q = 0;
        }
      } else if (c == '"' || c == '\'') {
        q = c;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  /** End of a one-line value: after its closing quote or bracket, else before a comment. */
  private static int valueEnd(String raw, int start) throws ConfigException {
    if (raw.startsWith("\"\"\"", start) || raw.startsWith("'''", start)) {
      throw new ConfigException(
          "multi-line strings cannot be changed automatically: change the file by hand");
    }
    if (start < raw.length() && (raw.charAt(start) == '"' || raw.charAt(start) == '\'')) {
      char q = raw.charAt(start);
      for (int i = start + 1; i < raw.length(); i++) {
        if (q == '"' && raw.charAt(i) == '\\') {
          i++;
        } else if (raw.charAt(i) == q) {
          return i + 1;
        }
      }
      throw new ConfigException("unterminated string");
    }
    int depth = 0;
    int i = start;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == '#' && depth == 0) {
        break;
      }
    }
    if (depth != 0) {
      throw new ConfigException(
          "a multi-line array or table cannot be changed automatically: change the file by hand");
    }
    return start + raw.substring(start, i).stripTrailing().length();
  }

  private static String unquote(String k) {
    StringBuilder sb = new StringBuilder();
    for (String part : k.split("\\.")) {
      String p = part.strip();
      if (p.length() >= 2 && (p.startsWith("\"") || p.startsWith("'"))) {
        p = p.substring(1, p.length() - 1);
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(p);
    }
    return sb.toString();
  }

  private static String bare(String k) {
    return k.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')
        ? k
        : JsonFormat.render(k);
  }

  @Override
  public JsonNode read(String text) throws ConfigException {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new ConfigException("not valid TOML: " + e.getMessage());
    }
  }
}
