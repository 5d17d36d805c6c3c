package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The value of a PromQL query against a Prometheus server's HTTP API ({@code url} is the server's
 * base, e.g. {@code http://prometheus:9090}); a vector result is summed.
 *
 * @param unit as for {@link HttpJsonMetric#unit()}
 */
public record PromQlMetric(
    @JsonProperty(required = true) String url,
    @JsonProperty(required = true) String query,
    String unit,
    Map<String, String> headers)
    implements MetricSource {
  public PromQlMetric {
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
