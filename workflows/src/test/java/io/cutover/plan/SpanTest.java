package io.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one duration grammar: every form a plan field or a trigger's {@code for} clause accepts,
 * checked against {@link Duration#parse} (ISO-8601) as the reference for its value.
 */
class SpanTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500ms                   | PT0.5S",
        "30s                     | PT30S",
        "5m                      | PT5M",
        "2h                      | PT2H",
        "1d                      | P1D",
        "1h30m                   | PT1H30M",
        "1h 30m                  | PT1H30M",
        "1.5h                    | PT1H30M",
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
  void readsCompactAndRunbookForms(String text, String iso) {
    assertEquals(Duration.parse(iso), Span.parse(text).toDuration(), text);
    assertEquals(text, Span.parse(text).text(), "written back as given");
    assertEquals(
        Duration.parse(iso).toMillis(),
        Condition.parse("x > 1 for " + text).forMillis(),
        "a trigger's for clause reads the same grammar");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"5", "m", "5 fortnights", "5 mins ago", "1h30", "-5m", "5m!", "five minutes"})
  void refusesWhatItCannotRead(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Span.parse(text));
    assertTrue(e.getMessage().startsWith("invalid duration '" + text.trim() + "'"), e.getMessage());
  }
}
