package io.cutover.activities.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written {@code .properties} editor against {@link java.util.Properties}: after setting
 * keys in a file, {@code Properties} must read exactly the old entries with the new values, for
 * awkward keys and values, continuation lines, comments and CRLF files.
 */
class PropertiesFormatDifferentialTest {
  static final String FILE =
      String.join(
          "\n",
          "# database settings",
          "! another comment style",
          "db.url = jdbc:sqlite:/srv/app.db",
          "db.user:app",
          "db.pool     8",
          "long.value = one, \\",
          "    two, \\",
          "    three",
          "# a comment ending in a backslash \\",
          "after.comment = yes",
          "escaped\\ key\\=x = v",
          "unicode = \\u00fcber",
          "dup = first",
          "dup = second",
          "empty =",
          "");

  static final List<String> KEYS =
      List.of(
          "db.url",
          "db.user",
          "db.pool",
          "long.value",
          "after.comment",
          "escaped key=x",
          "dup",
          "empty",
          "new.key",
          "new key with spaces",
          "new:colon",
          "new#hash",
          "new!bang",
          "new\\backslash",
          "ünï");

  static final List<String> VALUES =
      List.of(
          "",
          "plain",
          " leading space",
          "trailing space ",
          "\tleading tab",
          "a = b : c",
          "#not a comment",
          "!not a comment",
          "back\\slash",
          "ends with backslash\\",
          "multi\nline",
          "ünïcödé ✓",
          "C:\\dir\\file",
          "\\u0041 literally");

  static Map<String, String> load(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  static void check(String text, Map<String, Object> set) throws Exception {
    String out = new PropertiesFormat().set(text, set);
    Map<String, String> expected = load(text);
    set.forEach((k, v) -> expected.put(k, String.valueOf(v)));
    assertEquals(expected, load(out), () -> "set " + set + " in:\n" + text + "\ngave:\n" + out);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LF", "CRLF"})
  void everyKeyAndValue(String endings) throws Exception {
    String text = endings.equals("CRLF") ? FILE.replace("\n", "\r\n") : FILE;
    for (String key : KEYS) {
      for (String value : VALUES) {
        check(text, Map.of(key, value));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LF", "CRLF"})
  void randomBatches(String endings) throws Exception {
    String text = endings.equals("CRLF") ? FILE.replace("\n", "\r\n") : FILE;
    Random random = new Random(14);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> set = new LinkedHashMap<>();
      int n = 1 + random.nextInt(5);
      for (int j = 0; j < n; j++) {
        set.put(KEYS.get(random.nextInt(KEYS.size())), VALUES.get(random.nextInt(VALUES.size())));
      }
      check(text, set);
      // and again on the file it produced, as a second run of the step would
      String once = new PropertiesFormat().set(text, set);
      check(once, Map.of(KEYS.get(random.nextInt(KEYS.size())), "again"));
    }
  }

  @Test
  void untouchedLinesStayAsTheyWere() throws Exception {
    String out = new PropertiesFormat().set(FILE, Map.of("db.user", "ops"));
    assertEquals(FILE.replace("db.user:app", "db.user=ops"), out);
  }

  @Test
  void aKeyAfterACommentEndingInABackslashIsReplacedInPlace() throws Exception {
    // Properties never continues a comment line: the key after it is a key of its own.
    String out = new PropertiesFormat().set(FILE, Map.of("after.comment", "no"));
    assertEquals(FILE.replace("after.comment = yes", "after.comment=no"), out);
  }

  @Test
  void aContinuedValueOfACrlfFileIsReplacedWhole() throws Exception {
    String crlf = FILE.replace("\n", "\r\n");
    String out = new PropertiesFormat().set(crlf, Map.of("long.value", "one"));
    assertEquals(
        crlf.replace("long.value = one, \\\r\n    two, \\\r\n    three\r\n", "long.value=one\r\n"),
        out);
  }

  @Test
  void readIsWhatPropertiesReads() throws Exception {
    Map<String, String> read = new TreeMap<>();
    new PropertiesFormat()
        .read(FILE)
        .fields()
        .forEachRemaining(e -> read.put(e.getKey(), e.getValue().asText()));
    assertEquals(load(FILE), read);
  }
}
