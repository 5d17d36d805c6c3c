package io.cutover.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.DbRef;
import io.cutover.activities.ImportCsvRequest;
import io.cutover.activities.RestoreRequest;
import io.cutover.activities.SqlRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.TruncateRequest;
import io.cutover.activities.db.BackupActivitiesImpl;
import io.cutover.activities.db.DataActivitiesImpl;
import io.cutover.activities.db.TableDigest;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.BackupStep;
import io.cutover.plan.ColumnType;
import io.cutover.plan.CountCheck;
import io.cutover.plan.CsvFile;
import io.cutover.plan.ImportCsvStep;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqlStep;
import io.cutover.plan.TruncateStep;
import io.cutover.testing.PgClientTools;
import io.cutover.testing.PgTesting;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup step and its restore on a real PostgreSQL 16 (embedded) with real pg_dump, pg_restore
 * and psql child processes, dumps on disk in two folders.
 */
class PgBackupActivityTest {
  @TempDir Path tmp;
  PgTesting.Db pg;
  DbRef ref;
  final BackupActivitiesImpl backups = new BackupActivitiesImpl();
  final DataActivitiesImpl data = new DataActivitiesImpl();

  @BeforeEach
  void database() throws Exception {
    pg = PgClientTools.newDatabaseWithCreatedb();
    ref = ref(PgClientTools.binDir().toString());
    pg.execute(
        "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2), born"
            + " date);INSERT INTO items (name, price, born) SELECT 'item ' || g, g * 1.5, DATE"
            + " '2024-01-01' + g FROM generate_series(1, 50) g;CREATE TABLE categories (id int"
            + " PRIMARY KEY, label text);INSERT INTO categories VALUES (1, 'tools'), (2, 'food'),"
            + " (3, 'toys');CREATE SCHEMA sales;CREATE TABLE sales.orders (id int PRIMARY KEY,"
            + " item_id int REFERENCES items(id), qty int);INSERT INTO sales.orders SELECT g, g, g"
            + " * 2 FROM generate_series(1, 10) g;CREATE VIEW item_names AS SELECT name FROM"
            + " items;");
  }

  DbRef ref(String binDir) {
    return new DbRef(
        "app",
        new PostgresDatabase(
            pg.url(),
            pg.user(),
            "${file:" + pg.passwordFile() + "}",
            null,
            List.of("categories"),
            null,
            binDir));
  }

  StepContext ctx(String step) {
    return new StepContext("wf-pg/run-1", step, tmp.toString(), false);
  }

  BackupStep step() {
    return new BackupStep(
        "backup",
        null,
        null,
        null,
        null,
        "app",
        List.of("b1", "b2"),
        List.of(new CountCheck("items in the copy", "items", null, null, 50L, null, null)),
        null,
        null,
        null);
  }

  @Test
  void backupWritesTwoVerifiedCopiesAndARerunReusesThem() throws Exception {
    long t0 = System.nanoTime();
    BackupResult r = backups.backup(new BackupRequest(ctx("backup"), ref, step()));
    long first = System.nanoTime() - t0;

    assertEquals(2, r.copies().size());
    for (String copy : r.copies()) {
      Path p = Path.of(copy);
      assertTrue(Files.exists(p), copy);
      assertFalse(Files.exists(Path.of(copy + ".partial")), "no partial left: " + copy);
      assertEquals(r.sha256(), Files.readString(Path.of(copy + ".sha256")).trim());
      // pg_restore itself reads every copy.
      Process list =
          new ProcessBuilder(
                  PgClientTools.binDir().resolve("pg_restore").toString(), "--list", copy)
              .redirectErrorStream(true)
              .start();
      String toc = new String(list.getInputStream().readAllBytes());
      assertTrue(list.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, list.exitValue(), toc);
      assertTrue(toc.contains("TABLE public items"), toc);
      assertTrue(toc.contains("TABLE sales orders"), toc);
    }
    assertTrue(r.path().endsWith(".dump"), r.path());
    List<Evidence> ev = r.outcome().evidence();
    for (String folder : List.of("b1", "b2")) {
      assertTrue(has(ev, folder + ": pg_restore --list", true), () -> "evidence: " + ev);
      assertTrue(has(ev, folder + ": items in the copy", true), () -> "evidence: " + ev);
      assertTrue(has(ev, folder + ": scratch database", true), () -> "evidence: " + ev);
    }
    assertEquals(0, PgClientTools.scratchDatabases(), "every scratch database was dropped");
    assertFalse(
        new String(
                Files.readAllBytes(Path.of(r.path())), java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains(pg.password()),
        "the password is not in the dump");

    long mtime = Files.getLastModifiedTime(Path.of(r.path())).toMillis();
    BackupResult again = backups.backup(new BackupRequest(ctx("backup"), ref, step()));
    assertEquals(r.sha256(), again.sha256());
    assertEquals(r.copies(), again.copies());
    assertTrue(again.outcome().summary().contains("reused"), again.outcome().summary());
    assertEquals(mtime, Files.getLastModifiedTime(Path.of(r.path())).toMillis(), "not redone");
    System.out.printf("pg backup: first %d ms%n", TimeUnit.NANOSECONDS.toMillis(first));
  }

  @Test
  void verifyChecksRunOnTheScratchRestoreAndAFailingOneFailsTheBackup() throws Exception {
    BackupStep wrong =
        new BackupStep(
            "backup",
            null,
            null,
            null,
            null,
            "app",
            List.of("b1"),
            List.of(new CountCheck("items in the copy", "items", null, null, 51L, null, null)),
            null,
            null,
            null);
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> backups.backup(new BackupRequest(ctx("backup"), ref, wrong)));
    assertEquals("BACKUP_FAILED", f.getType());
    assertEquals(0, PgClientTools.scratchDatabases(), "dropped on failure too");
    assertFalse(
        Files.list(tmp.resolve("b1")).anyMatch(p -> p.toString().endsWith(".sha256")),
        "an unverified copy is never sealed");
  }

  @Test
  void truncateImportAndSqlAreRolledBackByTheRestoreToTheByte() throws Exception {
    Map<String, String> before = content();
    BackupResult b = backups.backup(new BackupRequest(ctx("backup"), ref, step()));

    data.truncate(
        new TruncateRequest(
            ctx("truncate"),
            ref,
            new TruncateStep(
                "truncate",
                null,
                null,
                null,
                null,
                "app",
                List.of("sales.orders"),
                null,
                null,
                null)));
    Path csv = tmp.resolve("items.csv");
    Files.writeString(csv, "name,price,born\nnew one,9.99,2025-02-03\nother,1,2025-03-04\n");
    StepOutcome imported =
        data.importCsv(
            new ImportCsvRequest(
                ctx("import"),
                ref,
                new ImportCsvStep(
                    "import",
                    null,
                    null,
                    null,
                    null,
                    "app",
                    List.of(
                        new CsvFile(
                            "items.csv",
                            "items",
                            null,
                            Map.of("price", ColumnType.REAL, "born", ColumnType.DATE),
                            null,
                            null)),
                    null,
                    null,
                    null)));
    assertTrue(imported.summary().contains("2 rows"), imported.summary());
    data.runSql(
        new SqlRequest(
            ctx("sql"),
            ref,
            new SqlStep(
                "sql",
                null,
                null,
                null,
                null,
                "app",
                null,
                List.of(
                    "CREATE TABLE made_by_the_step (id int PRIMARY KEY, note text)",
                    "INSERT INTO made_by_the_step VALUES (1, 'new')",
                    "ALTER TABLE items ADD COLUMN sku text DEFAULT 'x'",
                    "ALTER TABLE items ALTER COLUMN name DROP NOT NULL",
                    "UPDATE items SET price = price * 2 WHERE id < 10",
                    "DROP VIEW item_names",
                    "CREATE SCHEMA made_schema",
                    "CREATE TABLE made_schema.t (x int)",
                    "CREATE VIEW sales.big AS SELECT * FROM sales.orders"),
                null,
                null,
                null)));
    assertEquals("1", pg.scalar("SELECT COUNT(*) FROM made_by_the_step"));
    assertNotEquals(before, content());

    StepOutcome restored = backups.restore(request(b));
    assertEquals(before, content(), "schema and data are the backup's again");
    assertEquals(null, pg.scalar("SELECT to_regclass('public.made_by_the_step')"));
    assertEquals(null, pg.scalar("SELECT to_regnamespace('made_schema')"));
    assertEquals("50", pg.scalar("SELECT COUNT(*) FROM item_names"), "the dropped view is back");
    List<Evidence> ev = restored.evidence();
    assertTrue(ev.stream().noneMatch(Evidence::failed), () -> "evidence: " + ev);
    assertTrue(has(ev, "rows of public.items", true), () -> "evidence: " + ev);
    assertTrue(has(ev, "columns of public.items", true), () -> "evidence: " + ev);
    assertTrue(has(ev, "rows of sales.orders", true), () -> "evidence: " + ev);
    assertTrue(has(ev, "compared with", true), () -> "evidence: " + ev);
    assertEquals(0, PgClientTools.scratchDatabases());

    // Safe to run twice.
    StepOutcome twice = backups.restore(request(b));
    assertTrue(twice.evidence().stream().noneMatch(Evidence::failed));
    assertEquals(before, content());
  }

  @Test
  void aDamagedFirstCopyFallsBackToTheSecondAndSaysSo() throws Exception {
    Map<String, String> before = content();
    BackupResult b = backups.backup(new BackupRequest(ctx("backup"), ref, step()));
    pg.execute("DELETE FROM sales.orders; DROP VIEW item_names; DROP TABLE items CASCADE");
    Files.write(Path.of(b.path()), new byte[] {0x42}, StandardOpenOption.APPEND);

    StepOutcome restored = backups.restore(request(b));
    String s = restored.summary();
    assertTrue(s.contains("copy 1 at " + b.copies().get(0) + ": sha256 mismatch (expected "), s);
    assertTrue(s.contains("restored from copy 2 at " + b.copies().get(1)), s);
    assertEquals(before, content());

    Files.delete(Path.of(b.copies().get(1)));
    ApplicationFailure none =
        assertThrows(ApplicationFailure.class, () -> backups.restore(request(b)));
    assertEquals("BACKUP_FAILED", none.getType());
    assertTrue(none.getOriginalMessage().contains("copy 2 at " + b.copies().get(1) + ": missing"));
  }

  @Test
  void aPgDumpOlderThanTheServerIsRefusedSayingWhatToInstall() throws Exception {
    Path old = Path.of("/usr/lib/postgresql/15/bin");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(old.resolve("pg_dump")));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> backups.backup(new BackupRequest(ctx("backup"), ref(old.toString()), step())));
    assertEquals("BACKUP_FAILED", f.getType());
    String m = f.getOriginalMessage();
    assertTrue(m.contains("pg_dump is 15."), m);
    assertTrue(m.contains("PostgreSQL 16"), m);
    assertTrue(m.contains("point it at the bin folder of PostgreSQL 16 or newer"), m);
  }

  @Test
  void preflightNamesABackupStepWithoutAFittingPgDump() throws Exception {
    Path old = Path.of("/usr/lib/postgresql/15/bin");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(old.resolve("pg_dump")));
    Path plan = tmp.resolve("plan.yaml");
    String yaml =
        """
        name: preflight
        anchor: pg-preflight
        target: pg-preflight
        resources:
          databases:
            app: {type: postgres, url: "%s", user: %s, password: "${file:%s}", binDir: "%s"}
        steps:
          - {id: backup-app, type: backup, database: app, destinations: [b1]}
        """;
    Files.writeString(
        plan, yaml.formatted(pg.url(), pg.user(), pg.passwordFile(), PgClientTools.binDir()));
    var ok = io.cutover.activities.plan.PlanLoader.loadFile(plan, Map.of(), false);
    var preflight = new io.cutover.activities.preflight.PreflightActivitiesImpl(null);
    var fine =
        preflight.check(
            new io.cutover.activities.PreflightRequest(ctx("preflight"), null, ok.plan()));
    assertTrue(fine.problems().isEmpty(), () -> "problems: " + fine.problems());

    Files.writeString(plan, yaml.formatted(pg.url(), pg.user(), pg.passwordFile(), old));
    var bad = io.cutover.activities.plan.PlanLoader.loadFile(plan, Map.of(), false);
    var found =
        preflight.check(
            new io.cutover.activities.PreflightRequest(ctx("preflight"), null, bad.plan()));
    assertEquals(1, found.problems().size(), () -> "problems: " + found.problems());
    assertTrue(
        found.problems().get(0).startsWith("step 'backup-app': the backup step cannot run here:"),
        found.problems().get(0));
  }

  RestoreRequest request(BackupResult b) {
    return new RestoreRequest(ctx("sql"), ref, b.path(), b.sha256(), b.copies());
  }

  static boolean has(List<Evidence> ev, String name, boolean ok) {
    return ev.stream().anyMatch(e -> e.name().equals(name) && e.failed() != ok);
  }

  /** Every table's columns and ordered content checksum, and the views, in this database. */
  Map<String, String> content() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = pg.connect();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_schema || '.' || table_name, table_type FROM information_schema.tables"
                  + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
          if (rs.getString(2).equals("BASE TABLE")) {
            tables.add(rs.getString(1));
          }
        }
      }
      for (String t : tables) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable, ', '"
                    + " ORDER BY ordinal_position) FROM information_schema.columns WHERE"
                    + " table_schema || '.' || table_name = '"
                    + t
                    + "'")) {
          rs.next();
          out.put(t + " columns", rs.getString(1));
        }
        out.put(t + " rows", TableDigest.digest(c, t));
      }
      try (ResultSet rs = st.executeQuery("SELECT last_value FROM items_id_seq")) {
        rs.next();
        out.put("items_id_seq", rs.getString(1));
      }
    }
    return out;
  }
}
