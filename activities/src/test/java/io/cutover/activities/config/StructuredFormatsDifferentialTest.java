package io.cutover.activities.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written TOML, YAML and JSON editors (they change a value's text in place) against the
 * formats' real parsers: after setting keys, the file must parse as the old tree with exactly those
 * keys set, whatever the value (quotes, backslashes, newlines, YAML's "yes" and "null", numbers,
 * booleans), existing or new, nested or not; and lines not edited stay byte for byte.
 */
class StructuredFormatsDifferentialTest {
  static final Map<String, String> FILES =
      Map.of(
          "toml",
          """
          # app config
          title = "app"
          port = 8080   # the port
          [db]
          url = "jdbc:sqlite:/srv/app.db"
          pool = 8
          [db.replica]
          url = 'literal'
          [feature]
          enabled = true
          """,
          "yaml",
          """
          # app config
          title: app
          port: 8080  # the port
          db:
            url: "jdbc:sqlite:/srv/app.db"
            pool: 8
            replica:
              url: 'literal'
          feature:
            enabled: true
          """,
          "json",
          """
          {
            // app config
            "title": "app",
            "port": 8080,
            "db": {"url": "jdbc:sqlite:/srv/app.db", "pool": 8, "replica": {"url": "literal"}},
            "feature": {"enabled": true},
          }
          """);

  static final Map<String, ObjectMapper> REFERENCE =
      Map.of(
          "toml", new TomlMapper(),
          "yaml", new YAMLMapper(),
          "json",
              JsonMapper.builder()
                  .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                  .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                  .build());

  static final List<String> KEYS =
      List.of(
          "title",
          "port",
          "db.url",
          "db.pool",
          "db.replica.url",
          "feature.enabled",
          "db.timeout",
          "db.replica.lag",
          "fresh");

  static final List<Object> VALUES =
      List.of(
          "plain",
          "",
          "with \"quotes\"",
          "single 'quotes'",
          "back\\slash",
          "ends with backslash\\",
          "multi\nline",
          "tab\tinside",
          "# not a comment",
          "key: value",
          "[not, a, list]",
          "{not: a map}",
          "yes",
          "null",
          "123",
          "${VAR}",
          "ünïcödé ✓",
          42,
          -1.5,
          true,
          false);

  static ConfigFormat format(String name) throws Exception {
    return ConfigFormat.of(name, "config." + name);
  }

  static JsonNode expected(ObjectMapper m, String text, Map<String, Object> set) throws Exception {
    ObjectNode root = (ObjectNode) m.readTree(text);
    for (Map.Entry<String, Object> e : set.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      ObjectNode at = root;
      for (int i = 0; i < parts.length - 1; i++) {
        at = at.get(parts[i]) instanceof ObjectNode o ? o : at.putObject(parts[i]);
      }
      at.set(parts[parts.length - 1], m.valueToTree(e.getValue()));
    }
    return root;
  }

  /** Numbers compare by value (TOML and YAML readers pick their own number types). */
  static int same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return a.equals(b) ? 0 : 1;
  }

  static void check(String name, String text, Map<String, Object> set) throws Exception {
    ObjectMapper m = REFERENCE.get(name);
    String out = format(name).set(text, set);
    JsonNode want = expected(m, text, set);
    JsonNode got = m.readTree(out);
    assertTrue(
        want.equals(StructuredFormatsDifferentialTest::same, got),
        () -> name + ": set " + set + "\n" + out + "\nexpected " + want + "\nread     " + got);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"toml", "yaml", "json"})
  void everyKeyAndValue(String name) throws Exception {
    for (String key : KEYS) {
      for (Object value : VALUES) {
        check(name, FILES.get(name), Map.of(key, value));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"toml", "yaml", "json"})
  void randomBatchesAndEditsOfEdits(String name) throws Exception {
    Random random = new Random(14);
    for (int i = 0; i < 150; i++) {
      Map<String, Object> set = new LinkedHashMap<>();
      for (int j = 0; j <= random.nextInt(4); j++) {
        set.put(KEYS.get(random.nextInt(KEYS.size())), VALUES.get(random.nextInt(VALUES.size())));
      }
      check(name, FILES.get(name), set);
      String once = format(name).set(FILES.get(name), set);
      check(name, once, Map.of(KEYS.get(random.nextInt(KEYS.size())), "again"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"toml", "yaml", "json"})
  void onlyTheEditedValueChanges(String name) throws Exception {
    String text = FILES.get(name);
    String out = format(name).set(text, Map.of("db.pool", 16));
    List<String> before = text.lines().toList();
    List<String> after = out.lines().toList();
    assertEquals(before.size(), after.size(), out);
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed++;
        assertEquals(before.get(i).replace("8", "16"), after.get(i));
      }
    }
    assertEquals(1, changed, out);
  }
}
