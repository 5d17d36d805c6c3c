package io.cutover.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.ConfigRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.config.ConfigActivitiesImpl;
import io.cutover.plan.ConfigStep;
import io.cutover.plan.PlanJson;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config step on real files of each format: only the keys change, and the rollback puts the
 * bytes back.
 */
class ConfigActivityTest {
  @TempDir Path tmp;
  ConfigActivitiesImpl config = new ConfigActivitiesImpl();

  String change(String name, String text, Map<String, Object> set) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    ConfigRequest req =
        new ConfigRequest(
            new StepContext("cfg/run", "switch", tmp.toString(), false),
            PlanJson.of(ConfigStep.class, Map.of("id", "switch", "file", name, "set", set)));
    config.setConfig(req);
    config.setConfig(req);
    String after = Files.readString(f);
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
        "permissions kept");
    config.restoreConfig(req);
    assertEquals(text, Files.readString(f), "the rollback restores the file byte for byte");
    return after;
  }

  static Map<String, Object> set(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void env() throws Exception {
    String after =
        change(
            ".env",
            "# app settings\n"
                + "DatabaseProvider=Sqlite # was sqlite\n"
                + "export PORT=8080\n"
                + "NAME=\"my app\"\n",
            set("DatabaseProvider", "Postgres", "NEW_KEY", "a b"));
    assertEquals(
        "# app settings\n"
            + "DatabaseProvider=Postgres # was sqlite\n"
            + "export PORT=8080\n"
            + "NAME=\"my app\"\n"
            + "NEW_KEY=\"a b\"\n",
        after);
  }

  @Test
  void properties() throws Exception {
    String after =
        change(
            "app.properties",
            "# comment\n"
                + "! other comment\n"
                + "db.provider = sqlite\n"
                + "long.value = one \\\n"
                + "  two\n"
                + "keep:this\n",
            set("db.provider", "postgres", "long.value", "short"));
    assertEquals(
        "# comment\n! other comment\ndb.provider=postgres\nlong.value=short\nkeep:this\n", after);
  }

  @Test
  void json() throws Exception {
    String after =
        change(
            "appsettings.json",
            "{\n"
                + "  // .NET allows comments\n"
                + "  \"DatabaseProvider\": \"Sqlite\",\n"
                + "  \"ConnectionStrings\": {\n"
                + "    \"Sqlite\": \"Data Source=app.db\"\n"
                + "  },\n"
                + "  \"Port\": 8080\n"
                + "}\n",
            set(
                "DatabaseProvider",
                "Postgres",
                "ConnectionStrings.Postgres",
                "Host=127.0.0.1",
                "Port",
                9090));
    assertEquals(
        "{\n"
            + "  // .NET allows comments\n"
            + "  \"DatabaseProvider\": \"Postgres\",\n"
            + "  \"ConnectionStrings\": {\n"
            + "    \"Sqlite\": \"Data Source=app.db\",\n"
            + "    \"Postgres\": \"Host=127.0.0.1\"\n"
            + "  },\n"
            + "  \"Port\": 9090\n"
            + "}\n",
        after);
  }

  @Test
  void yaml() throws Exception {
    String after =
        change(
            "app.yaml",
            "# settings\ndatabase:\n  provider: sqlite   # switch me\n  pool: 5\nname: app\n",
            set("database.provider", "postgres", "database.url", "jdbc:postgresql://x/db"));
    assertEquals(
        "# settings\n"
            + "database:\n"
            + "  provider: \"postgres\"   # switch me\n"
            + "  pool: 5\n"
            + "  url: \"jdbc:postgresql://x/db\"\n"
            + "name: app\n",
        after);
  }

  @Test
  void toml() throws Exception {
    String after =
        change(
            "app.toml",
            "# settings\n"
                + "title = \"app\"\n\n"
                + "[database]\n"
                + "provider = \"sqlite\" # switch me\n"
                + "pool = 5\n",
            set(
                "database.provider",
                "postgres",
                "database.url",
                "jdbc:postgresql://x/db",
                "debug",
                true));
    assertEquals(
        "# settings\n"
            + "title = \"app\"\n"
            + "debug = true\n\n"
            + "[database]\n"
            + "provider = \"postgres\" # switch me\n"
            + "pool = 5\n"
            + "url = \"jdbc:postgresql://x/db\"\n",
        after);
  }

  @Test
  void aFileThatDoesNotParseIsLeftAlone() throws Exception {
    Path f = tmp.resolve("broken.json");
    Files.writeString(f, "{\"a\": ");
    ConfigRequest req =
        new ConfigRequest(
            new StepContext("cfg/run", "s", tmp.toString(), false),
            PlanJson.of(
                ConfigStep.class, Map.of("id", "s", "file", "broken.json", "set", set("a", "b"))));
    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> config.setConfig(req));
    assertEquals("BAD_DATA", e.getType());
    assertEquals("{\"a\": ", Files.readString(f));
    assertTrue(e.getOriginalMessage().contains("not touched"));
  }
}
