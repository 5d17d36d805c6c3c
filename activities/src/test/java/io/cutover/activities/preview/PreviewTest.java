package io.cutover.activities.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.PreviewRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ConfigStep;
import io.cutover.plan.CopyStep;
import io.cutover.plan.Database;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.PlanJson;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.Resources;
import io.cutover.plan.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dry run says a destructive step would do, read from the system without changing it. */
class PreviewTest {
  @TempDir Path tmp;
  final PreviewActivitiesImpl previews = new PreviewActivitiesImpl();

  StepContext ctx(String step) {
    return new StepContext("wf/run", step, tmp.toString(), true);
  }

  @Test
  void aCopyPreviewCountsTheSourceRowsAndSaysWhenTheTargetDoesNotAnswer() throws Exception {
    Path db = tmp.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT)");
      st.execute(
          "CREATE TABLE posts (id INTEGER PRIMARY KEY, author INTEGER REFERENCES authors(id))");
      st.execute("INSERT INTO authors (name) VALUES ('a'), ('b')");
      st.execute("INSERT INTO posts (author) VALUES (1)");
    }
    String before = SafeFiles.sha256(db);
    Map<String, Database> dbs =
        Map.of(
            "src", new SqliteDatabase("app.db", List.of(), null),
            "pg",
                new PostgresDatabase(
                    "jdbc:postgresql://127.0.0.1:1/app",
                    "app",
                    null,
                    Map.of("connectTimeout", "1"),
                    List.of()));
    CopyStep copy =
        PlanJson.of(
            CopyStep.class,
            Map.of("id", "import", "source", "src", "target", "pg", "tables", List.of()));

    StepOutcome out =
        previews.preview(
            new PreviewRequest(ctx("import"), copy, new Resources(dbs, Map.of(), Map.of())));

    assertTrue(
        out.summary().contains("would copy 2 table(s), 3 rows today, from 'src' into 'pg'"),
        out.summary());
    assertTrue(
        out.evidence().stream()
            .anyMatch(
                e ->
                    e.name().equals("tables and rows today")
                        && e.actual().equals("authors (2), posts (1)")),
        out.evidence()::toString);
    Evidence pg =
        out.evidence().stream()
            .filter(e -> e.name().equals("database pg"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        pg.failed(), "the unreachable target is a failed precondition, not an exception: " + pg);
    assertEquals(before, SafeFiles.sha256(db), "the source was only read");
  }

  @Test
  void configAndMaintenancePreviewsNameTheFileTheKeysAndTheFlag() throws Exception {
    Files.writeString(tmp.resolve("app.env"), "DatabaseProvider=Sqlite\n");
    Resources none = new Resources(Map.of(), Map.of(), Map.of());
    ConfigStep config =
        new ConfigStep(
            "switch",
            null,
            null,
            null,
            null,
            "app.env",
            null,
            Map.of("DatabaseProvider", "Postgres"),
            null,
            null,
            null);
    StepOutcome c = previews.preview(new PreviewRequest(ctx("switch"), config, none));
    assertEquals(
        "[dry run] would set DatabaseProvider = Postgres in app.env, keeping the old file for the"
            + " rollback",
        c.summary());
    assertEquals("DatabaseProvider=Sqlite\n", Files.readString(tmp.resolve("app.env")));

    MaintenanceStep freeze =
        new MaintenanceStep(
            "freeze",
            null,
            null,
            null,
            null,
            "on",
            "work/maintenance.flag",
            null,
            null,
            "frozen",
            null,
            null,
            null);
    StepOutcome m = previews.preview(new PreviewRequest(ctx("freeze"), freeze, none));
    assertEquals(
        "[dry run] would turn maintenance on: create the flag file work/maintenance.flag",
        m.summary());
    assertTrue(!Files.exists(tmp.resolve("work")), "nothing created");
  }
}
