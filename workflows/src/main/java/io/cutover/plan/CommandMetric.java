package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A program's output: with {@code patterns}, the number of output lines matching any of them;
 * without, the number on the last line of output. The program learns when the window began from
 * {@code ${window.start}} (ISO-8601) and {@code ${window.startEpoch}} (seconds) in its argv and
 * from the environment variables {@code CUTOVER_WINDOW_START} and {@code
 * CUTOVER_WINDOW_START_EPOCH}, so that it can report only what happened since (e.g. {@code
 * journalctl --since @${window.startEpoch}}).
 *
 * @param unit for a number: as for {@link HttpJsonMetric#unit()}
 */
public record CommandMetric(
    @JsonProperty(required = true) List<String> argv,
    List<String> patterns,
    String cwd,
    Map<String, String> env,
    String unit)
    implements MetricSource {
  public CommandMetric {
    argv = argv == null ? List.of() : List.copyOf(argv);
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  @Override
  public String display() {
    return patterns.isEmpty() ? SourceUnits.display(unit) : "count";
  }

  @Override
  public double toBase() {
    return patterns.isEmpty() ? SourceUnits.toBase(unit) : 1.0;
  }
}
