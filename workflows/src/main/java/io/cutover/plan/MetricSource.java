package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a {@code monitor} or {@code baseline} step reads one metric, selected by {@code type}.
 * Every source yields a number in base units (a ratio, seconds, bytes, a count, or 1/0 for a
 * failing/healthy probe) so that a trigger's threshold such as {@code 1%}, {@code 500ms} or {@code
 * 200MB} compares with it directly.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HttpJsonMetric.class, name = "http"),
  @JsonSubTypes.Type(value = PrometheusMetric.class, name = "prometheus"),
  @JsonSubTypes.Type(value = PromQlMetric.class, name = "promql"),
  @JsonSubTypes.Type(value = LogMetric.class, name = "log"),
  @JsonSubTypes.Type(value = CommandMetric.class, name = "command"),
  @JsonSubTypes.Type(value = MemoryMetric.class, name = "memory"),
  @JsonSubTypes.Type(value = ProbeMetric.class, name = "probe"),
})
public interface MetricSource {
  /**
   * How a value of this metric is shown when no trigger says otherwise: {@code ratio}, {@code
   * seconds}, {@code bytes}, {@code count}, {@code health}, {@code rate} or {@code number}. Not a
   * bean getter, so Jackson ignores it.
   */
  String display();

  /** Multiplier from the unit the source reports in to the base unit (e.g. 0.001 for ms). */
  default double toBase() {
    return 1.0;
  }
}
