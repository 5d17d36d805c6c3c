package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A small JSON path: {@code $}, {@code .name}, {@code [index]}, {@code ['name']} and a final
 * {@code .length()}. Enough for health and smoke assertions without another dependency.
 */
public final class JsonPaths {
  private JsonPaths() {}

  public static JsonNode read(JsonNode root, String path) {
    String p = path.trim();
    if (!p.startsWith("$")) {
      throw new IllegalArgumentException("a JSON path starts with $, e.g. $.status; got '" + path + "'");
    }
    JsonNode cur = root;
    int i = 1;
    while (i < p.length() && cur != null && !cur.isMissingNode()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        String name = p.substring(i + 1, end);
        if (name.equals("length()")) {
          cur = cur.isArray() || cur.isObject() ? IntNode.valueOf(cur.size()) : cur.isTextual() ? IntNode.valueOf(cur.asText().length()) : MissingNode.getInstance();
        } else {
          cur = cur.path(name);
        }
        i = end;
      } else if (c == '[') {
        int end = p.indexOf(']', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed [ in JSON path '" + path + "'");
        }
        String inside = p.substring(i + 1, end).trim();
        if (inside.startsWith("'") || inside.startsWith("\"")) {
          cur = cur.path(inside.substring(1, inside.length() - 1));
        } else {
          cur = cur.path(Integer.parseInt(inside));
        }
        i = end + 1;
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' in JSON path '" + path + "'");
      }
    }
    return cur == null ? MissingNode.getInstance() : cur;
  }
}
