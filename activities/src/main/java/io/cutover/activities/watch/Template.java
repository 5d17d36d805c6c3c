package io.cutover.activities.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook body template: a map (from YAML) whose strings say {@code ${hook.field}}, or JSON text.
 * Values are escaped for JSON, so a message with quotes cannot break the body. The older {@code
 * {{field}}} form is still read: plans already in workflow histories render their hooks with it.
 */
public final class Template {
  /** Fields a template may use. */
  public static final List<String> FIELDS =
      List.of(
          "event",
          "message",
          "plan",
          "anchor",
          "target",
          "workflowId",
          "step",
          "gate",
          "trigger",
          "value",
          "status",
          "reason",
          "deadline",
          "approvers",
          "at");

  private static final ObjectMapper COMPACT = new ObjectMapper();
  // ${hook.field}, the plans' one interpolation syntax; or the older {{field}}.
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{hook\\.([A-Za-z]+)}|\\{\\{\\s*([A-Za-z]+)\\s*}}");

  private Template() {}

  /** The placeholders a template uses that are not fields, as written. */
  public static List<String> unknown(Object template) {
    List<String> out = new ArrayList<>();
    collect(template, out);
    return out;
  }

  private static void collect(Object t, List<String> out) {
    if (t instanceof String s) {
      Matcher m = PLACEHOLDER.matcher(s);
      while (m.find()) {
        if (!FIELDS.contains(field(m))) {
          out.add(m.group());
        }
      }
    } else if (t instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    } else if (t instanceof List<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }

  /** Renders the body as JSON text. */
  public static String render(Object template, Map<String, String> fields)
      throws JsonProcessingException {
    if (template == null) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put(
          "text",
          "[cutover] "
              + fields.getOrDefault("event", "")
              + " · "
              + fields.getOrDefault("plan", "")
              + " ("
              + fields.getOrDefault("target", "")
              + "): "
              + fields.getOrDefault("message", ""));
      fields.forEach(body::put);
      return COMPACT.writeValueAsString(body);
    }
    if (template instanceof String text) {
      String rendered = fill(text, fields, true);
      JsonNode parsed = COMPACT.readTree(rendered);
      return COMPACT.writeValueAsString(parsed);
    }
    return COMPACT.writeValueAsString(walk(template, fields));
  }

  private static Object walk(Object t, Map<String, String> fields) {
    if (t instanceof String s) {
      return fill(s, fields, false);
    }
    if (t instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), walk(v, fields)));
      return out;
    }
    if (t instanceof List<?> list) {
      return list.stream().map(v -> walk(v, fields)).toList();
    }
    return t;
  }

  /** The field a placeholder as written names. */
  public static String fieldOf(String placeholder) {
    Matcher m = PLACEHOLDER.matcher(placeholder);
    return m.matches() ? field(m) : placeholder;
  }

  private static String field(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static String fill(String s, Map<String, String> fields, boolean escapeJson) {
    Matcher m = PLACEHOLDER.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = fields.getOrDefault(field(m), "");
      if (escapeJson) {
        try {
          String quoted = COMPACT.writeValueAsString(v);
          v = quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
