package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A number in a JSON document served over HTTP, addressed by a JSON path such as {@code
 * $.kpis.error_rate}.
 *
 * @param unit what the number is in: {@code ratio} (default), {@code percent}, {@code ms}, {@code
 *     s}, {@code bytes}, {@code MB}, {@code MiB}, {@code count}
 * @param headers request headers; values may be references such as {@code ${env:TOKEN}}
 */
public record HttpJsonMetric(
    @JsonProperty(required = true) String url,
    @JsonProperty(required = true) String path,
    String unit,
    Map<String, String> headers)
    implements MetricSource {
  public HttpJsonMetric {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String display() {
    return SourceUnits.display(unit);
  }

  @Override
  public double toBase() {
    return SourceUnits.toBase(unit);
  }
}
