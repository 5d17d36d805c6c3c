package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Looks rows up by a key column on both sides, the way the application does (e.g. a slug compared
 * after {@code trim} and {@code lower}), and expects the same rows.
 *
 * @param key the column looked up
 * @param normalize applied to the column and the looked-up value: {@code trim}, {@code lower}
 * @param values values to look up, written as a user would type them; when absent, {@code sample}
 *     keys are taken from {@code against} in key order
 * @param columns columns compared (default: all)
 */
public record ParityLookupCheck(
    String name,
    @JsonProperty(required = true) String against,
    @JsonProperty(required = true) String table,
    @JsonProperty(required = true) String key,
    List<String> normalize,
    List<String> values,
    Integer sample,
    List<String> columns)
    implements ParityCheck {
  public ParityLookupCheck {
    normalize = normalize == null ? List.of() : List.copyOf(normalize);
    values = values == null ? List.of() : List.copyOf(values);
    sample = sample == null ? 20 : sample;
    columns = columns == null ? List.of() : List.copyOf(columns);
  }
}
