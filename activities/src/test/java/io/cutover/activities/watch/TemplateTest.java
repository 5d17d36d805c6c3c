package io.cutover.activities.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhook bodies: {@code ${hook.field}} placeholders, the older {@code {{field}}}, JSON escaping.
 */
class TemplateTest {
  static final Map<String, String> FIELDS =
      Map.of("event", "trigger-fired", "target", "oapp", "message", "p95 \"high\"");

  @Test
  void fillsHookPlaceholdersAndTheOlderFormAlike() throws Exception {
    Object body = Map.of("text", "[${hook.target}] ${hook.event}: {{message}}");
    assertEquals(
        "{\"text\":\"[oapp] trigger-fired: p95 \\\"high\\\"\"}", Template.render(body, FIELDS));
    assertEquals(
        "{\"t\":\"oapp p95 \\\"high\\\"\"}",
        Template.render("{\"t\": \"${hook.target} ${hook.message}\"}", FIELDS),
        "JSON text: values escaped, so quotes cannot break the body");
  }

  @Test
  void reportsUnknownPlaceholdersAsWritten() {
    assertEquals(
        List.of("${hook.evnt}", "{{targt}}"),
        Template.unknown(List.of("${hook.evnt} ${hook.event}", Map.of("b", List.of("{{targt}}")))));
    assertEquals("evnt", Template.fieldOf("${hook.evnt}"));
    assertEquals("targt", Template.fieldOf("{{ targt }}"));
  }
}
