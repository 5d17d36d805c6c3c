package io.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written trigger condition parser: a corpus of conditions as runbooks write them with
 * what each must mean (metric, kind, operator, limit in base units, baseline factor, hold time), a
 * corpus of refused ones, and hold durations checked against {@link Span} and {@link Duration}.
 */
class ConditionCorpusTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "error_rate > 1% for 5 minutes                      | error_rate | THRESHOLD | >  | 0.01   "
            + "    | 1   | 300000",
        "error_rate > 2x baseline for 10 consecutive minutes| error_rate | BASELINE  | >  | 0      "
            + "    | 2   | 600000",
        "error_rate > max(2x baseline, 0.5%) for 10m        | error_rate | BASELINE  | >  | 0.005  "
            + "    | 2   | 600000",
        "err > 3× the baseline                              | err        | BASELINE  | >  | 0      "
            + "    | 3   | 0",
        "p95 > 500ms sustained 15 minutes                   | p95        | THRESHOLD | >  | 0.5    "
            + "    | 1   | 900000",
        "p95 > 500 ms sustained for 15 minutes              | p95        | THRESHOLD | >  | 0.5    "
            + "    | 1   | 900000",
        "memory growing > 20%/hour                          | memory     | GROWTH    | >  | 0.2    "
            + "    | 1   | 0",
        "memory is growing >= 5% per hour for 30m           | memory     | GROWTH    | >= | 0.05   "
            + "    | 1   | 1800000",
        "leak_lines > 0                                     | leak_lines | THRESHOLD | >  | 0      "
            + "    | 1   | 0",
        "health failing > 5 minutes                         | health     | FAILING   | >= | 1      "
            + "    | 1   | 300000",
        "health is failing                                  | health     | FAILING   | >= | 1      "
            + "    | 1   | 0",
        "queue_depth == 0                                   | queue_depth| THRESHOLD | == | 0      "
            + "    | 1   | 0",
        "queue_depth==0                                     | queue_depth| THRESHOLD | == | 0      "
            + "    | 1   | 0",
        "errors != 0                                        | errors     | THRESHOLD | != | 0      "
            + "    | 1   | 0",
        "rss > 200MB                                        | rss        | THRESHOLD | >  | 2.0E8  "
            + "    | 1   | 0",
        "rss > 1.5GiB for 1h                                | rss        | THRESHOLD | >  |"
            + " 1610612736 | 1   | 3600000",
        "rss > 64KiB                                        | rss        | THRESHOLD | >  | 65536  "
            + "    | 1   | 0",
        "rps < 10/s during 2h                               | rps        | THRESHOLD | <  | 10     "
            + "    | 1   | 7200000",
        "err >= 0.5% held for 90s                           | err        | THRESHOLD | >= | 0.005  "
            + "    | 1   | 90000",
        "latency > 2s for 1h30m                             | latency    | THRESHOLD | >  | 2      "
            + "    | 1   | 5400000",
        "err > 1% for 1.5 hours                             | err        | THRESHOLD | >  | 0.01   "
            + "    | 1   | 5400000",
        "err ≥ 1% for 2 days                                | err        | THRESHOLD | >= | 0.01   "
            + "    | 1   | 172800000",
        "err ≤ 1%                                           | err        | THRESHOLD | <= | 0.01   "
            + "    | 1   | 0",
        "'err  >   1%   for   5   minutes'                  | err        | THRESHOLD | >  | 0.01   "
            + "    | 1   | 300000",
        "ERR > 1% FOR 5 MINUTES                             | ERR        | THRESHOLD | >  | 0.01   "
            + "    | 1   | 300000",
        "api.p99-ms_x > 250ms for 30 secs                   | api.p99-ms_x | THRESHOLD | > | 0.25  "
            + "    | 1   | 30000",
      })
  void accepted(
      String text, String metric, String kind, String op, double limit, double factor, long hold) {
    Condition c = Condition.parse(text);
    assertEquals(metric, c.metric());
    assertEquals(Condition.Kind.valueOf(kind), c.kind());
    assertEquals(op, c.op());
    assertEquals(limit, c.threshold(), Math.abs(limit) * 1e-12);
    assertEquals(factor, c.factor(), 1e-12);
    assertEquals(hold, c.forMillis());
  }

  @ParameterizedTest(name = "refused: [{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "error_rate",
        "error_rate >",
        "> 1%",
        "1err > 1",
        "error_rate > lots",
        "error_rate > -1",
        "error_rate > 1e3",
        "error_rate > 1 % %",
        "error_rate > 2x",
        "error_rate > max(2x baseline)",
        "error_rate => 1",
        "error_rate > 1% for ever",
        "error_rate > 1% for 5 fortnights",
        "error_rate > 1% for -5m",
        "memory growing > 20%",
        "memory growing 20%/hour",
        "health failing for a while",
      })
  void refused(String text) {
    assertThrows(IllegalArgumentException.class, () -> Condition.parse(text));
  }

  /** A hold written as a span means what the span means; written in words, what java.time says. */
  @Test
  void holdDurationsAgreeWithSpanAndJavaTime() {
    Random random = new Random(14);
    List<String> spanUnits = List.of("ms", "s", "m", "h", "d");
    List<String> words = List.of("seconds", "minutes", "hours", "days");
    List<ChronoUnit> units =
        List.of(ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS, ChronoUnit.DAYS);
    for (int i = 0; i < 500; i++) {
      int n = 1 + random.nextInt(500);
      String span = n + spanUnits.get(random.nextInt(spanUnits.size()));
      int m = 1 + random.nextInt(60);
      span += m + "s";
      assertEquals(
          Span.parse(span).millis(), Condition.parse("err > 1% for " + span).forMillis(), span);
      int w = random.nextInt(words.size());
      String text = "err > 1% for " + n + " consecutive " + words.get(w);
      assertEquals(
          Duration.of(n, units.get(w)).toMillis(), Condition.parse(text).forMillis(), text);
    }
  }
}
