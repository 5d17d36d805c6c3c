package io.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Span, the plans' one duration grammar (hand-written: no library reads both "1h30m" and "10
 * consecutive minutes"): a corpus of accepted texts with the milliseconds they mean and of refused
 * texts, the runbook forms against {@link Duration#parse}, the same grammar in a trigger's {@code
 * for} clause, and a differential test against {@link Duration#parse} on the ISO-8601 forms of
 * random durations.
 */
class SpanTest {
  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "500ms      | 500",
        "30s        | 30000",
        "5m         | 300000",
        "2h         | 7200000",
        "1d         | 86400000",
        "1h30m      | 5400000",
        "1m30s      | 90000",
        "1s500ms    | 1500",
        "2d12h      | 216000000",
        "90m        | 5400000",
        "0s         | 0",
        "'  5m  '   | 300000",
        "5M         | 300000",
        "1H         | 3600000",
        "10MS       | 10",
        "007s       | 7000",
        // like Go's time.ParseDuration, parts need not be in order and may repeat
        "30m1h      | 5400000",
        "5m5m       | 600000",
        "1d1h1m1s1ms| 90061001",
        "9223372036854775807ms | 9223372036854775807",
      })
  void accepted(String text, long millis) {
    Span s = Span.parse(text);
    assertEquals(millis, s.millis());
    assertEquals(Duration.ofMillis(millis), s.toDuration());
    assertEquals(text.trim(), s.text(), "written back as it was written");
  }

  @ParameterizedTest(name = "refused: [{0}]")
  @ValueSource(
      strings = {
        "",
        " ",
        "5",
        "m",
        "ms",
        "-5s",
        "+5s",
        "PT5M",
        "5 fortnights",
        "five minutes",
        "5 mins ago",
        "1h30",
        "5m!",
        "5w",
        "1y",
        "5s5",
        "s5",
        "5m,",
        "5ms5",
        "１s", // a full-width digit
        // more than Long.MAX_VALUE milliseconds must be refused, not wrap around
        "106751991168d",
        "2562047788016h",
        "153722867280913m",
        "9223372036854776s",
        "9223372036854775807ms1ms",
        "99999999999999999999ms",
      })
  void refused(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Span.parse(text));
    assertTrue(
        e.getMessage().startsWith("invalid duration '") || e.getMessage().startsWith("empty "),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1h 30m                  | PT1H30M",
        "1.5h                    | PT1H30M",
        "5 m                     | PT5M",
        "5sec                    | PT5S",
        "5min                    | PT5M",
        "5 minutes               | PT5M",
        "5 mins                  | PT5M",
        "1 minute                | PT1M",
        "10 consecutive minutes  | PT10M",
        "2 hours                 | PT2H",
        "24 hours                | P1D",
        "3 days                  | P3D",
        "45 seconds              | PT45S",
        "250 milliseconds        | PT0.25S",
        "2 HOURS                 | PT2H",
      })
  void readsTheRunbookForms(String text, String iso) {
    assertEquals(Duration.parse(iso), Span.parse(text).toDuration(), text);
    assertEquals(text, Span.parse(text).text(), "written back as given");
    assertEquals(
        Duration.parse(iso).toMillis(),
        Condition.parse("x > 1 for " + text).forMillis(),
        "a trigger's for clause reads the same grammar");
  }

  @Test
  void nullIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Span.parse(null));
  }

  /** The same durations written both ways must mean the same milliseconds. */
  @Test
  void agreesWithJavaTimeOnTheIsoForms() {
    Random random = new Random(14);
    for (int i = 0; i < 2000; i++) {
      int d = random.nextInt(4) == 0 ? random.nextInt(400) : 0;
      int h = random.nextInt(3) == 0 ? random.nextInt(100) : 0;
      int m = random.nextInt(2) == 0 ? random.nextInt(1000) : 0;
      int s = random.nextInt(2) == 0 ? random.nextInt(100_000) : 0;
      int ms = random.nextInt(3) == 0 ? random.nextInt(1000) : 0;
      StringBuilder span = new StringBuilder();
      StringBuilder iso = new StringBuilder("P");
      if (d > 0) {
        span.append(d).append('d');
        iso.append(d).append('D');
      }
      iso.append('T');
      if (h > 0) {
        span.append(h).append('h');
        iso.append(h).append('H');
      }
      if (m > 0) {
        span.append(m).append('m');
        iso.append(m).append('M');
      }
      if (s > 0 || ms > 0 || span.isEmpty()) {
        span.append(s).append('s');
      }
      if (ms > 0) {
        span.append(ms).append("ms");
      }
      iso.append(s).append('.').append(String.format("%03d", ms)).append('S');
      Duration expected = Duration.parse(iso.toString());
      assertEquals(expected.toMillis(), Span.parse(span.toString()).millis(), span + " vs " + iso);
      assertEquals(expected, Span.parse(span.toString()).toDuration(), span + " vs " + iso);
    }
  }

  @Test
  void scaledKeepsAtLeastAMillisecond() {
    assertEquals(150_000, Span.parse("5m").scaled(0.5).millis());
    assertEquals(1, Span.parse("1ms").scaled(0.001).millis());
    assertEquals("150000ms", Span.parse("5m").scaled(0.5).text());
  }
}
