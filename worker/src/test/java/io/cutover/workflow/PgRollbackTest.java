package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.db.TableDigest;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.PgClientTools;
import io.cutover.testing.PgTesting;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan on a real PostgreSQL database, run by the real workflow and activities on the SDK's test
 * server: backup (pg_dump, two copies), truncate, sql that creates a table and changes a schema,
 * import-csv, then a validation that fails. The rollback restores the database from this run's dump
 * and the database is the one from before the run, checked by content checksum.
 */
class PgRollbackTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  @Test
  void aFailingLaterStepRollsThePostgresDatabaseBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    PgTesting.Db pg = PgClientTools.newDatabaseWithCreatedb();
    pg.execute(
        "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2));INSERT"
            + " INTO items (name, price) SELECT 'item ' || g, g FROM generate_series(1, 50)"
            + " g;CREATE SCHEMA sales;CREATE TABLE sales.orders (id int PRIMARY KEY, item_id int"
            + " REFERENCES items(id));INSERT INTO sales.orders SELECT g, g FROM generate_series(1,"
            + " 10) g;");
    Map<String, String> before = content(pg);
    Files.writeString(tmp.resolve("items.csv"), "name,price\nfrom csv,2.5\nanother,3\n");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: PostgreSQL rollback
        anchor: pg-rollback-test
        target: pg-rollback-%s
        resources:
          databases:
            app: {type: postgres, url: "%s", user: %s, password: "${file:%s}", binDir: "%s"}
        steps:
          - id: backup-app
            type: backup
            database: app
            destinations: [backups/a, backups/b]
            verify: [{type: count, name: items in the dump, table: items, min: 50}]
          - {id: empty-orders, type: truncate, database: app, tables: [sales.orders]}
          - id: reshape
            type: sql
            database: app
            statements:
              - CREATE TABLE made_by_the_run (id int)
              - ALTER TABLE items ADD COLUMN sku text
          - id: import-items
            type: import-csv
            database: app
            files: [{file: items.csv, table: items, types: {price: real}}]
          - id: validate
            type: validate
            database: app
            checks: [{type: count, name: impossible, table: items, expect: 1000}]
        """
            .formatted(
                pg.name().replace('_', '-'),
                pg.url(),
                pg.user(),
                pg.passwordFile(),
                PgClientTools.binDir()));

    long t0 = System.nanoTime();
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    System.out.printf("pg rollback run: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    assertEquals(StepStatus.FAILED, step(r, "validate").status());
    for (String s : List.of("empty-orders", "reshape", "import-items")) {
      assertEquals(StepStatus.COMPENSATED, step(r, s).status(), () -> s + " in " + r);
    }
    assertEquals(before, content(pg), "the database is back to its content before the run");
    assertNull(pg.scalar("SELECT to_regclass('public.made_by_the_run')"));
    assertEquals(0, PgClientTools.scratchDatabases());
    assertTrue(r.rollback().ran(), () -> "report: " + r);
  }

  static Map<String, String> content(PgTesting.Db pg) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "tables",
        pg.scalar(
            "SELECT string_agg(table_schema || '.' || table_name, ', ' ORDER BY 1) FROM"
                + " information_schema.tables WHERE table_schema NOT IN ('pg_catalog',"
                + " 'information_schema')"));
    out.put(
        "items columns",
        pg.scalar(
            "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM"
                + " information_schema.columns WHERE table_name = 'items'"));
    try (Connection c = pg.connect()) {
      out.put("items", TableDigest.digest(c, "public.items"));
      out.put("orders", TableDigest.digest(c, "sales.orders"));
    }
    return out;
  }
}
