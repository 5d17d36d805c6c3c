package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.Refs;
import io.cutover.plan.HttpCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills request templates on the worker: {@code ${capture.NAME}} from values captured earlier in
 * the step, then worker-side references ({@code ${env:..}}, {@code ${file:..}}). A JSON body is
 * filled value by value, so a substituted text never changes the document's structure.
 */
final class Templates {
  static final Pattern CAPTURE = Pattern.compile("\\$\\{capture\\.([A-Za-z_][A-Za-z0-9_]*)}");

  private Templates() {}

  /** The capture names a text refers to. */
  static List<String> capturesIn(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      Matcher m = CAPTURE.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static String fill(String text, Map<String, String> captures, String baseDir) {
    if (text == null) {
      return null;
    }
    Matcher m = CAPTURE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = captures.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(
            "${capture." + m.group(1) + "} was not captured by an earlier request");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return Refs.resolve(sb.toString(), baseDir);
  }

  static JsonNode fill(JsonNode node, Map<String, String> captures, String baseDir) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(fill(node.asText(), captures, baseDir));
    }
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      node.fields()
          .forEachRemaining(e -> out.set(e.getKey(), fill(e.getValue(), captures, baseDir)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      node.forEach(n -> out.add(fill(n, captures, baseDir)));
      return out;
    }
    return node;
  }

  /** True when every capture the template names has been captured. */
  static boolean ready(HttpCall call, Map<String, String> captures) {
    List<String> names = new ArrayList<>(capturesIn(call.url()));
    call.headers().values().forEach(v -> names.addAll(capturesIn(v)));
    if (call.body() != null) {
      names.addAll(capturesIn(Json.MAPPER.valueToTree(call.body()).toString()));
    }
    return captures.keySet().containsAll(names);
  }
}
