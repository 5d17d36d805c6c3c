package io.cutover.activities.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plan variables: declared under {@code vars} with defaults, overridden by {@code --var NAME=VALUE}
 * or the workflow input's {@code vars}, and substituted wherever a value says {@code ${vars.NAME}}.
 * Worker-side references ({@code ${env:..}}, {@code ${file:..}}) are left alone.
 */
final class Vars {
  private static final Pattern REF = Pattern.compile("\\$\\{vars\\.([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Vars() {}

  /** Substitutes variables in place; returns the values used, or records problems. */
  static Map<String, String> apply(
      PlanDocument doc, Map<String, String> overrides, List<PlanProblem> problems) {
    JsonNode root = doc.tree();
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode declared = root.path("vars");
    if (!declared.isMissingNode() && !declared.isObject()) {
      problems.add(doc.problem("/vars", "vars must be a map of NAME: default value"));
      return values;
    }
    Iterator<Map.Entry<String, JsonNode>> it = declared.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!NAME.matcher(e.getKey()).matches()) {
        problems.add(
            doc.problem("/vars/" + e.getKey(), "variable names use letters, digits and _"));
      } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        problems.add(
            doc.problem(
                "/vars/" + e.getKey(),
                "give variable '" + e.getKey() + "' a default value (text or number)"));
      } else {
        values.put(e.getKey(), e.getValue().asText());
      }
    }
    if (overrides != null) {
      for (Map.Entry<String, String> o : overrides.entrySet()) {
        if (!declared.has(o.getKey())) {
          problems.add(
              new PlanProblem(
                  doc.name(),
                  0,
                  0,
                  "vars",
                  "--var "
                      + o.getKey()
                      + ": the plan declares no variable '"
                      + o.getKey()
                      + "'"
                      + Suggest.didYouMean(o.getKey(), values.keySet())
                      + (values.isEmpty()
                          ? ""
                          : " (declared: " + String.join(", ", values.keySet()) + ")")));
        } else {
          values.put(o.getKey(), o.getValue());
        }
      }
    }
    if (root.isObject()) {
      ObjectNode obj = (ObjectNode) root;
      if (obj.has("vars") && declared.isObject()) {
        ObjectNode resolved = obj.objectNode();
        values.forEach(resolved::put);
        obj.set("vars", resolved);
      }
      substitute(doc, obj, "", values, problems);
    }
    return values;
  }

  private static void substitute(
      PlanDocument doc,
      JsonNode node,
      String pointer,
      Map<String, String> values,
      List<PlanProblem> problems) {
    if (node.isObject()) {
      ObjectNode obj = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String ptr = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (ptr.equals("/vars")) {
          continue;
        }
        JsonNode child = obj.get(name);
        if (child.isTextual()) {
          obj.set(name, TextNode.valueOf(replace(doc, ptr, child.asText(), values, problems)));
        } else {
          substitute(doc, child, ptr, values, problems);
        }
      }
    } else if (node.isArray()) {
      ArrayNode arr = (ArrayNode) node;
      for (int i = 0; i < arr.size(); i++) {
        JsonNode child = arr.get(i);
        if (child.isTextual()) {
          arr.set(
              i,
              TextNode.valueOf(replace(doc, pointer + "/" + i, child.asText(), values, problems)));
        } else {
          substitute(doc, child, pointer + "/" + i, values, problems);
        }
      }
    }
  }

  private static String replace(
      PlanDocument doc,
      String ptr,
      String text,
      Map<String, String> values,
      List<PlanProblem> problems) {
    if (!text.contains("${vars.")) {
      return text;
    }
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        problems.add(
            doc.problem(
                ptr,
                "undefined variable ${vars."
                    + m.group(1)
                    + "}: declare it under vars"
                    + Suggest.didYouMean(m.group(1), values.keySet())));
        v = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
