package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.cutover.activities.support.Json;

/**
 * JSON paths in probes, {@code json} checks, captures and watch metrics, evaluated by Jayway
 * JsonPath on Jackson trees: {@code $.a.b}, {@code $['a b']}, {@code [0]}, {@code [-1]} (the last
 * element), {@code [*]}, {@code $..x} (every {@code x} at any depth), filters and functions such as
 * {@code .length()}. A path that names one value yields it, or a missing node when it is absent; a
 * path that may match several ({@code [*]}, {@code ..}, filters) yields the array of its matches.
 *
 * <p>{@link #problem} is what {@code plan check} runs on every path, so a path the run would refuse
 * is refused before the first step.
 */
public final class JsonPaths {
  private static final Configuration CONFIG =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  private JsonPaths() {}

  /** What is wrong with a JSON path, or null when it is one Cutover can evaluate. */
  public static String problem(String path) {
    if (path == null || path.isBlank()) {
      return "a JSON path is required, e.g. $.status";
    }
    String p = path.trim();
    if (!p.startsWith("$")) {
      return "a JSON path starts with $, e.g. $.status; got '" + path + "'";
    }
    String brackets = unbalanced(p);
    if (brackets != null) {
      return "'"
          + path
          + "' is not a valid JSON path ("
          + brackets
          + "); e.g. $.status, $.items[0].id, $.items[*].id, $..id";
    }
    try {
      JsonPath.compile(p);
      return null;
    } catch (InvalidPathException | IllegalArgumentException e) {
      return "'"
          + path
          + "' is not a valid JSON path ("
          + e.getMessage()
          + "); e.g. $.status, $.items[0].id, $.items[*].id, $..id";
    }
  }

  /**
   * Jayway compiles {@code $.items[} as {@code $.items} and {@code $.x]} as a property named {@code
   * x]}: a typo would silently check something else. This one check it does not make.
   */
  private static String unbalanced(String p) {
    int square = 0;
    int round = 0;
    char quote = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '\'', '"' -> quote = c;
        case '[' -> square++;
        case ']' -> square--;
        case '(' -> round++;
        case ')' -> round--;
        default -> {}
      }
      if (square < 0 || round < 0) {
        return "a closing '" + c + "' at position " + (i + 1) + " has no opening one";
      }
    }
    if (quote != 0) {
      return "a quote is never closed";
    }
    if (square > 0 || round > 0) {
      return "a '" + (square > 0 ? "[" : "(") + "' is never closed";
    }
    return null;
  }

  /** The value at {@code path} in {@code root}; a missing node when a definite path is absent. */
  public static JsonNode read(JsonNode root, String path) {
    String problem = problem(path);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (root == null || root.isMissingNode()) {
      return MissingNode.getInstance();
    }
    try {
      Object v = JsonPath.using(CONFIG).parse(root).read(path.trim());
      if (v == null) {
        return NullNode.getInstance();
      }
      // Functions such as length() answer plain Java values.
      return v instanceof JsonNode n ? n : Json.MAPPER.valueToTree(v);
    } catch (JsonPathException e) {
      // Absent (PathNotFoundException), or a valid path this document does not fit, such as
      // length() of a number: either way there is no value, which the check reports as missing.
      return MissingNode.getInstance();
    }
  }
}
