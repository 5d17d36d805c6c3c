package io.cutover.activities.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written series selector parser: a corpus of selectors with the matchers they mean, and
 * PromQL's matching rules (regular expressions match the whole value; a missing label is the empty
 * string) on label sets.
 */
class SelectorCorpusTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "up                                          | up                  | ''",
        "'  up  '                                    | up                  | ''",
        "http_requests_total{}                       | http_requests_total | ''",
        "http_requests_total{code=\"200\"}           | http_requests_total | code=200",
        "http_requests_total{code=~\"5..\",job!=\"batch\"} | http_requests_total | code=~5.."
            + " job!=batch",
        "m{ a = \"x\" , b !~ \"y.+\" , }            | m                   | a=x b!~y.+",
        "m{path=\"/a \\\"b\\\" \\\\c\"}              | m                   | path=/a \"b\" \\c",
        "m{v=\"}{,=\"}                               | m                   | v=}{,=",
        "ns:rule:rate5m{a=\"1\"}                     | ns:rule:rate5m      | a=1",
      })
  void parses(String text, String name, String matchers) {
    Selector s = Selector.parse(text);
    assertEquals(name, s.name());
    assertEquals(
        matchers,
        String.join(" ", s.matchers().stream().map(m -> m.label() + m.op() + m.value()).toList()));
  }

  @ParameterizedTest(name = "refused: [{0}]")
  @ValueSource(
      strings = {
        "",
        "5xx_total",
        "{code=\"200\"}",
        "m{code}",
        "m{code=200}",
        "m{code=\"200\"",
        "m{code~\"2..\"}",
        "m{code=\"200}",
        "m-dash",
      })
  void refused(String text) {
    assertThrows(IllegalArgumentException.class, () -> Selector.parse(text));
  }

  @Test
  void matchesLikePromQl() {
    Selector s = Selector.parse("m{code=~\"5..\",job!=\"batch\"}");
    assertEquals(true, s.matchesLabels(Map.of("code", "503", "job", "api")));
    assertEquals(true, s.matchesLabels(Map.of("code", "500")), "a missing label is empty");
    assertEquals(false, s.matchesLabels(Map.of("code", "5030")), "regexes match the whole value");
    assertEquals(false, s.matchesLabels(Map.of("code", "x503")));
    assertEquals(false, s.matchesLabels(Map.of("code", "503", "job", "batch")));
    assertEquals(true, Selector.parse("m{a=\"\"}").matchesLabels(Map.of("b", "1")));
    assertEquals(false, Selector.parse("m{a!=\"\"}").matchesLabels(Map.of("b", "1")));
    assertEquals(true, Selector.parse("m{a!~\"x.*\"}").matchesLabels(Map.of("a", "yx")));
  }
}
