package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An HTTP health probe as a metric: 1 while it fails (wrong status, body or JSON value, or no
 * answer), 0 while it passes. A trigger such as {@code health failing for 5m} watches it.
 */
public record ProbeMetric(
    @JsonProperty(required = true) String url,
    String method,
    Integer status,
    String bodyContains,
    List<JsonAssertion> json,
    Map<String, String> headers)
    implements MetricSource {
  public ProbeMetric {
    json = json == null ? List.of() : List.copyOf(json);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String display() {
    return "health";
  }

  /** The same check as a health step's probe. */
  public HttpProbe probe(String name) {
    return new HttpProbe(name, url, method, status, bodyContains, json, headers);
  }
}
