package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.api.Evidence;
import io.cutover.plan.JsonAssertion;
import java.util.ArrayList;
import java.util.List;

/** Evaluates {@link JsonAssertion}s against a JSON document, one piece of evidence each. */
public final class JsonChecks {
  private JsonChecks() {}

  public static List<Evidence> check(String label, JsonNode root, List<JsonAssertion> assertions) {
    List<Evidence> out = new ArrayList<>();
    for (JsonAssertion a : assertions) {
      out.add(check(label, root, a));
    }
    return out;
  }

  public static Evidence check(String label, JsonNode root, JsonAssertion a) {
    JsonNode v = JsonPaths.read(root, a.path());
    String name = label + " " + a.path();
    if (v.isMissingNode() || v.isNull()) {
      return new Evidence(name, expected(a), "missing", false);
    }
    String actual = v.isValueNode() ? v.asText() : v.toString();
    boolean ok = a.equals() == null || a.equals().equals(actual);
    if (a.min() != null || a.max() != null) {
      double d;
      try {
        d = Double.parseDouble(actual);
      } catch (NumberFormatException e) {
        return new Evidence(name, expected(a), actual + " (not a number)", false);
      }
      ok &= (a.min() == null || d >= a.min()) && (a.max() == null || d <= a.max());
    }
    return new Evidence(name, expected(a), actual, ok);
  }

  private static String expected(JsonAssertion a) {
    List<String> parts = new ArrayList<>();
    if (a.equals() != null) {
      parts.add("= " + a.equals());
    }
    if (a.min() != null) {
      parts.add(">= " + num(a.min()));
    }
    if (a.max() != null) {
      parts.add("<= " + num(a.max()));
    }
    return parts.isEmpty() ? "present" : String.join(" and ", parts);
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
