package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fragment of a plan (a step, a check, a metric source, a webhook) built from its named fields or
 * read from its JSON text as a plan would write it, e.g. {@code PlanJson.read("{type: 'wait', id:
 * 'w', duration: '5m'}", Step.class)}: names the fields it sets and leaves the rest at their
 * defaults, where the records' constructors would need every optional field spelled out as null.
 * Field names may go unquoted and strings in single quotes. Unknown fields are refused, as in a
 * plan.
 */
public final class PlanJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private PlanJson() {}

  /**
   * Builds a {@code type} from named fields, as a plan would give them, e.g. {@code
   * PlanJson.of(ConfigStep.class, Map.of("id", "switch", "file", "app.json", "set", set))}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static <T> T of(Class<T> type, Map<String, ?> fields) {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    String name = typeName(type);
    if (name != null) {
      all.putIfAbsent("type", name); // the record's class already says which
    }
    try {
      return MAPPER.convertValue(all, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** The {@code type} a polymorphic plan record is written with, or null for a plain record. */
  private static String typeName(Class<?> type) {
    if (Step.class.isAssignableFrom(type)) {
      return StepKinds.nameOf(type);
    }
    for (Class<?> base : type.getInterfaces()) {
      JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
      if (subtypes != null) {
        for (JsonSubTypes.Type t : subtypes.value()) {
          if (t.value() == type) {
            return t.name();
          }
        }
      }
    }
    return null;
  }

  /**
   * Reads {@code json} as a {@code type}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
