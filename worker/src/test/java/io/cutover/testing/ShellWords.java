package io.cutover.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits shell command lines the way sh does for the simple forms a README uses: backslash-newline
 * continuations, single quotes, double quotes and bare words, with {@code $NAME} / {@code ${NAME}}
 * expanded outside single quotes. No globbing, no command substitution.
 */
public final class ShellWords {
  private ShellWords() {}

  /** Joins continuation lines: one entry per logical command, comments and blank lines dropped. */
  public static List<String> commands(String block) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : block.split("\n")) {
      if (cur.length() == 0 && (line.isBlank() || line.trim().startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        cur.append(line, 0, line.length() - 1);
      } else {
        cur.append(line);
        out.add(cur.toString().trim());
        cur.setLength(0);
      }
    }
    return out;
  }

  public static List<String> split(String command, Map<String, String> env) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        w.append(command, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int end = i + 1;
        StringBuilder q = new StringBuilder();
        while (command.charAt(end) != '"') {
          if (command.charAt(end) == '\\' && "\"\\$".indexOf(command.charAt(end + 1)) >= 0) {
            q.append(command.charAt(end + 1));
            end += 2;
          } else {
            q.append(command.charAt(end++));
          }
        }
        w.append(expand(q.toString(), env));
        i = end;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        int end = i;
        while (end < command.length()
            && !Character.isWhitespace(command.charAt(end))
            && "'\"".indexOf(command.charAt(end)) < 0) {
          end++;
        }
        w.append(expand(command.substring(i, end), env));
        i = end - 1;
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }

  private static String expand(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      int start = i + 1;
      boolean braced = text.charAt(start) == '{';
      int end = braced ? text.indexOf('}', start) : start;
      if (!braced) {
        while (end < text.length()
            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
          end++;
        }
      }
      String name = braced ? text.substring(start + 1, end) : text.substring(start, end);
      if (!env.containsKey(name)) {
        throw new IllegalArgumentException("$" + name + " is not set for: " + text);
      }
      out.append(env.get(name));
      i = braced ? end : end - 1;
    }
    return out.toString();
  }
}
