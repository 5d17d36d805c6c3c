package io.cutover.activities.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan's text parsed into a tree, with the line and column of every value so that problems found
 * later can point at the place to fix.
 */
public final class PlanDocument {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final String name;
  private final JsonNode tree;
  private final Map<String, int[]> locations;

  private PlanDocument(String name, JsonNode tree, Map<String, int[]> locations) {
    this.name = name;
    this.tree = tree;
    this.locations = locations;
  }

  /** A tree that came without text (a plan sent as JSON through Temporal): paths only, no lines. */
  public static PlanDocument ofTree(String name, JsonNode tree) {
    return new PlanDocument(name, tree, Map.of());
  }

  public static PlanDocument parse(String name, String text) throws PlanException {
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? JSON : YAML;
    try {
      JsonNode tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new PlanException(List.of(new PlanProblem(name, 1, 1, "", "the plan is empty")));
      }
      return new PlanDocument(name, tree, index(mapper, text));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        msg = msg.replace("Duplicate field", "duplicate key") + ": each key may appear once";
      }
      throw new PlanException(
          List.of(
              new PlanProblem(
                  name,
                  loc == null ? 0 : loc.getLineNr(),
                  loc == null ? 0 : loc.getColumnNr(),
                  "",
                  (json ? "JSON" : "YAML") + " syntax error: " + firstLine(msg))));
    } catch (IOException e) {
      throw new PlanException(
          List.of(new PlanProblem(name, 0, 0, "", "cannot read: " + e.getMessage())));
    }
  }

  private static Map<String, int[]> index(ObjectMapper mapper, String text) throws IOException {
    Map<String, int[]> out = new HashMap<>();
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        JsonPointer ptr;
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          ptr =
              p.getParsingContext().getParent() == null
                  ? JsonPointer.empty()
                  : p.getParsingContext().getParent().pathAsPointer();
        } else {
          ptr = p.getParsingContext().pathAsPointer();
        }
        JsonLocation loc = p.currentTokenLocation();
        out.putIfAbsent(ptr.toString(), new int[] {loc.getLineNr(), loc.getColumnNr()});
      }
    }
    return out;
  }

  public String name() {
    return name;
  }

  public JsonNode tree() {
    return tree;
  }

  /** A problem at a JSON pointer, located at the nearest enclosing value that has a location. */
  public PlanProblem problem(String pointer, String message) {
    String p = pointer;
    while (p != null) {
      int[] loc = locations.get(p);
      if (loc != null) {
        return new PlanProblem(name, loc[0], loc[1], readable(pointer), message);
      }
      p = p.isEmpty() ? null : p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
    return new PlanProblem(name, 0, 0, readable(pointer), message);
  }

  /** {@code /steps/3/tables/0} as {@code steps[3] (truncate-canonical).tables[0]}. */
  String readable(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    JsonNode node = tree;
    for (String part : pointer.substring(1).split("/", -1)) {
      String key = part.replace("~1", "/").replace("~0", "~");
      if (node != null && node.isArray() && key.matches("\\d+")) {
        sb.append('[').append(key).append(']');
        node = node.path(Integer.parseInt(key));
        if (node.has("id") && node.get("id").isTextual()) {
          sb.append(" (").append(node.get("id").asText()).append(')');
        }
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(key);
        node = node == null ? null : node.path(key);
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
