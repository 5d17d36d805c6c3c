package io.cutover.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import org.junit.jupiter.api.Test;

/** The JSON paths probes, json checks and captures evaluate (Jayway JsonPath on Jackson trees). */
class JsonPathsTest {
  private static JsonNode doc() throws Exception {
    return Json.MAPPER.readTree(
        """
        {"status": "ok", "db": {"status": "up"}, "a b": 1,
         "items": [{"id": 1, "tags": ["x"]}, {"id": 2}, {"id": 3, "deep": {"id": 9}}]}\
        """);
  }

  @Test
  void definitePathsYieldTheirValueOrMissing() throws Exception {
    assertEquals("ok", JsonPaths.read(doc(), "$.status").asText());
    assertEquals("up", JsonPaths.read(doc(), "$.db.status").asText());
    assertEquals(1, JsonPaths.read(doc(), "$['a b']").asInt());
    assertEquals(2, JsonPaths.read(doc(), "$.items[1].id").asInt());
    assertTrue(JsonPaths.read(doc(), "$.nope").isMissingNode());
    assertTrue(JsonPaths.read(doc(), "$.items[7].id").isMissingNode());
    assertEquals(3, JsonPaths.read(doc(), "$.items.length()").asInt());
  }

  @Test
  void wildcardsNegativeIndexesAndDeepScansMatchWhatTheySay() throws Exception {
    // The hand-written reader this replaced threw NumberFormatException on [*] and matched
    // nothing for [-1] and $..id.
    assertEquals("[1,2,3]", JsonPaths.read(doc(), "$.items[*].id").toString());
    assertEquals(3, JsonPaths.read(doc(), "$.items[-1].id").asInt());
    assertEquals("[1,2,3,9]", JsonPaths.read(doc(), "$..id").toString());
    assertEquals("[2]", JsonPaths.read(doc(), "$.items[?(@.id == 2)].id").toString());
  }

  @Test
  void badPathsAreNamedBeforeAnythingRuns() {
    assertNull(JsonPaths.problem("$.items[*].id"));
    assertNotNull(JsonPaths.problem("status"));
    assertTrue(
        JsonPaths.problem("$.items[").contains("is not a valid JSON path"),
        JsonPaths.problem("$.items["));
    assertTrue(JsonPaths.problem("$.items..").contains("is not a valid JSON path"));
    assertTrue(
        JsonPaths.problem("$.status]").contains("has no opening one"),
        JsonPaths.problem("$.status]"));
    assertNull(JsonPaths.problem("$['a]b']"));
    assertNotNull(JsonPaths.problem(" "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonPaths.read(doc(), "$.items["));
    assertTrue(e.getMessage().contains("$.items["), e.getMessage());
  }
}
