package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A series of a Prometheus exposition endpoint ({@code /metrics}), chosen by a selector such as
 * {@code http_requests_total{code=~"5.."}}; series that match are summed. What the value is depends
 * on the series' {@code # TYPE}:
 *
 * <ul>
 *   <li>a counter becomes a per-second rate between two samples, or, with {@code per}, the ratio of
 *       its increase to the increase of the {@code per} counter (e.g. the 5xx share of all
 *       requests);
 *   <li>a histogram becomes the {@code quantile} (e.g. 0.95) of the observations made between two
 *       samples, in the histogram's unit (seconds by convention);
 *   <li>a gauge is read as it is.
 * </ul>
 */
public record PrometheusMetric(
    @JsonProperty(required = true) String url,
    @JsonProperty(required = true) String select,
    String per,
    Double quantile,
    Map<String, String> headers)
    implements MetricSource {
  public PrometheusMetric {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String display() {
    return per != null ? "ratio" : quantile != null ? "seconds" : "number";
  }
}
