package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets keys in an application's configuration file — {@code .env}, {@code .properties}, TOML, JSON
 * or YAML — changing only those values: comments, order and every other key stay as they are. The
 * file is written beside itself, fsynced and renamed over the old one; the old content is kept on
 * the worker and put back as this step's compensation.
 *
 * @param file the configuration file, relative to the plan's folder
 * @param format env, properties, toml, json or yaml (default: from the file name)
 * @param set key to new value; nested keys as {@code a.b.c} in TOML, JSON and YAML. Values may hold
 *     worker-side references such as {@code ${env:NAME}}, resolved only when written.
 */
public record ConfigStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String file,
    String format,
    @JsonProperty(required = true) Map<String, Object> set,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public ConfigStep {
    set = set == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(set));
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
