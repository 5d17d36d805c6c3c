package io.cutover.activities.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cutover.plan.Check;
import io.cutover.plan.Database;
import io.cutover.plan.MetricSource;
import io.cutover.plan.Plan;
import io.cutover.plan.Service;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKinds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a plan tree to the typed model, turning Jackson's errors into ones an operator can act on.
 */
final class PlanBinder {
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .build();

  private static final Set<String> ARGV_KEYS = Set.of("argv", "undo", "start", "restart");

  private PlanBinder() {}

  static Plan bind(PlanDocument doc, List<PlanProblem> problems) {
    JsonNode root = doc.tree();
    if (!root.isObject()) {
      problems.add(doc.problem("", "a plan is a map with name, anchor, target and steps"));
      return null;
    }
    unknownKeys(doc, root, Plan.class, "", problems);
    // Bind the parts one by one first, so that every broken step is reported, not just the first.
    for (String list : List.of("steps", "rollback")) {
      JsonNode arr = root.path(list);
      if (arr.isArray()) {
        for (int i = 0; i < arr.size(); i++) {
          tryBind(doc, arr.get(i), Step.class, "/" + list + "/" + i, problems);
        }
      }
    }
    bindEach(
        doc,
        root.path("resources").path("databases"),
        Database.class,
        "/resources/databases",
        problems);
    bindEach(
        doc,
        root.path("resources").path("services"),
        Service.class,
        "/resources/services",
        problems);
    if (!problems.isEmpty()) {
      return null;
    }
    return tryBind(doc, root, Plan.class, "", problems);
  }

  /**
   * Reports every unknown key of an object at once: Jackson stops at the first problem, and a
   * misspelt key usually also makes a required one look missing.
   */
  private static void unknownKeys(
      PlanDocument doc, JsonNode node, Class<?> type, String pointer, List<PlanProblem> problems) {
    if (!node.isObject()) {
      return;
    }
    Set<String> known = new TreeSet<>();
    STRICT
        .getDeserializationConfig()
        .introspect(STRICT.constructType(type))
        .findProperties()
        .forEach(p -> known.add(p.getName()));
    if (type != Plan.class) {
      known.add("type");
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                problems.add(
                    doc.problem(
                        pointer + "/" + name,
                        "unknown key '"
                            + name
                            + "'"
                            + Suggest.didYouMean(name, known)
                            + " (allowed here: "
                            + String.join(", ", known)
                            + ")"));
              }
            });
  }

  /** The record a polymorphic node names by its {@code type} (the plan itself for the root). */
  private static Class<?> subtype(Class<?> base, JsonNode node) {
    if (base == Plan.class) {
      return Plan.class;
    }
    if (base == Step.class) {
      StepKind<?> kind =
          node.path("type").isTextual() ? StepKinds.named(node.get("type").asText()) : null;
      return kind == null ? null : kind.type();
    }
    JsonSubTypes st = base.getAnnotation(JsonSubTypes.class);
    if (st == null || !node.path("type").isTextual()) {
      return st == null ? base : null;
    }
    for (JsonSubTypes.Type t : st.value()) {
      if (t.name().equals(node.get("type").asText())) {
        return t.value();
      }
    }
    return null;
  }

  private static void bindEach(
      PlanDocument doc, JsonNode map, Class<?> type, String pointer, List<PlanProblem> problems) {
    if (!map.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = map.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      tryBind(doc, e.getValue(), type, pointer + "/" + e.getKey(), problems);
    }
  }

  private static <T> T tryBind(
      PlanDocument doc, JsonNode node, Class<T> type, String pointer, List<PlanProblem> problems) {
    Class<?> concrete = subtype(type, node);
    if (concrete != null) {
      int before = problems.size();
      unknownKeys(doc, node, concrete, pointer, problems);
      if (problems.size() > before) {
        return null;
      }
    }
    try {
      return STRICT.treeToValue(node, type);
    } catch (JsonMappingException e) {
      String at = pointer + pathOf(e);
      problems.add(doc.problem(at, explain(e, at)));
      return null;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(doc.problem(pointer, String.valueOf(e.getMessage())));
      return null;
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append('/')
          .append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
    }
    return sb.toString();
  }

  static String explain(JsonMappingException e, String pointer) {
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<String> known = new TreeSet<>();
      u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      return "unknown key '"
          + u.getPropertyName()
          + "'"
          + Suggest.didYouMean(u.getPropertyName(), known)
          + " (allowed here: "
          + String.join(", ", known)
          + ")";
    }
    if (e instanceof InvalidTypeIdException t) {
      Class<?> base = t.getBaseType().getRawClass();
      List<String> known = subtypeNames(base);
      String kind =
          base == Step.class
              ? "step"
              : base == Check.class
                  ? "check"
                  : base == Database.class
                      ? "database"
                      : base == MetricSource.class ? "metric" : "value";
      if (t.getTypeId() == null) {
        return "missing 'type': say which "
            + kind
            + " this is (one of "
            + String.join(", ", known)
            + ")";
      }
      return "unknown "
          + kind
          + " type '"
          + t.getTypeId()
          + "'"
          + Suggest.didYouMean(t.getTypeId(), known)
          + " (known: "
          + String.join(", ", known)
          + ")";
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause() == null ? v : v.getCause();
      return cause instanceof NullPointerException
          ? "a value is missing (null) where one is required"
          : String.valueOf(cause.getMessage());
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not " + describe(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m) {
      String msg = String.valueOf(m.getOriginalMessage());
      if (msg.startsWith("Missing required creator property")) {
        int a = msg.indexOf('\'');
        int b = msg.indexOf('\'', a + 1);
        return "missing required key '" + (a >= 0 && b > a ? msg.substring(a + 1, b) : "?") + "'";
      }
      String last = pointer.substring(pointer.lastIndexOf('/') + 1);
      if (ARGV_KEYS.contains(last)
          && m.getTargetType() != null
          && List.class.isAssignableFrom(m.getTargetType())) {
        return "must be a list (program first, then each argument), never a shell string: write"
            + " e.g. [systemctl, restart, app]";
      }
      return "expected " + describe(m.getTargetType());
    }
    String msg = e.getOriginalMessage();
    int nl = msg == null ? -1 : msg.indexOf('\n');
    return nl < 0 ? String.valueOf(msg) : msg.substring(0, nl);
  }

  private static String describe(Class<?> t) {
    if (t == null) {
      return "a different kind of value";
    }
    if (List.class.isAssignableFrom(t) || t.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "a map of key: value";
    }
    if (t == String.class) {
      return "text";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (t == Double.class || t == double.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t.isEnum()) {
      return "one of " + Arrays.toString(t.getEnumConstants()).toLowerCase(Locale.ROOT);
    }
    return "a map of keys (" + t.getSimpleName() + ")";
  }

  static List<String> subtypeNames(Class<?> base) {
    if (base == Step.class) {
      return StepKinds.all();
    }
    List<String> out = new ArrayList<>();
    JsonSubTypes st = base.getAnnotation(JsonSubTypes.class);
    if (st != null) {
      for (JsonSubTypes.Type t : st.value()) {
        out.add(t.name());
      }
    }
    return out;
  }
}
