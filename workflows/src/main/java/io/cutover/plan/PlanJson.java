package io.cutover.plan;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A fragment of a plan (a step, a check, a metric source, a webhook) read from its JSON text as a
 * plan would write it, e.g. {@code PlanJson.read("{type: 'wait', id: 'w', duration: '5m'}",
 * Step.class)}: names the fields it sets and leaves the rest at their defaults, where the records'
 * constructors would need every optional field spelled out as null. Field names may go unquoted and
 * strings in single quotes. Unknown fields are refused, as in a plan.
 */
public final class PlanJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private PlanJson() {}

  /**
   * Reads {@code json} as a {@code type}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          "not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
