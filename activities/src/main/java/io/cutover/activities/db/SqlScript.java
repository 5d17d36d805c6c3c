package io.cutover.activities.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements: respects quotes, comments, PostgreSQL dollar quotes and the
 * BEGIN … END body of a CREATE TRIGGER.
 */
public final class SqlScript {
  private SqlScript() {}

  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    int depth = 0;
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
        cur.append('\n');
        continue;
      }
      if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
        cur.append(' ');
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < n) {
          if (script.charAt(end) == c) {
            if (end + 1 < n && script.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        cur.append(script, i, Math.min(end + 1, n));
        i = end;
        continue;
      }
      if (c == '$') {
        int tagEnd = script.indexOf('$', i + 1);
        if (tagEnd > 0 && script.substring(i + 1, tagEnd).matches("[A-Za-z_]*")) {
          String tag = script.substring(i, tagEnd + 1);
          int close = script.indexOf(tag, tagEnd + 1);
          int stop = close < 0 ? n : close + tag.length();
          cur.append(script, i, stop);
          i = stop - 1;
          continue;
        }
      }
      if (Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(script.charAt(i - 1)))) {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
          end++;
        }
        String word = script.substring(i, end).toUpperCase(Locale.ROOT);
        if (word.equals("BEGIN") && isTriggerBody(cur)) {
          depth++;
        } else if (word.equals("CASE") && depth > 0) {
          depth++;
        } else if (word.equals("END") && depth > 0) {
          depth--;
        }
        cur.append(script, i, end);
        i = end - 1;
        continue;
      }
      if (c == ';' && depth == 0) {
        add(out, cur);
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    add(out, cur);
    return out;
  }

  private static boolean isTriggerBody(StringBuilder cur) {
    String s = cur.toString().toUpperCase(Locale.ROOT);
    return s.contains("CREATE") && s.contains("TRIGGER");
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }

  /** Runs every statement of the script on the connection; returns the rows changed. */
  public static long execute(Connection c, String script) throws SQLException {
    long changed = 0;
    try (Statement st = c.createStatement()) {
      for (String sql : split(script)) {
        st.execute(sql);
        int n = st.getUpdateCount();
        if (n > 0) {
          changed += n;
        }
      }
    }
    return changed;
  }
}
