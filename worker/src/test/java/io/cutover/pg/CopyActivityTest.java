package io.cutover.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.CopyRequest;
import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.activities.ValidateRequest;
import io.cutover.activities.db.ValidateActivitiesImpl;
import io.cutover.activities.pg.CopyActivitiesImpl;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Check;
import io.cutover.plan.CopyStep;
import io.cutover.plan.ForeignKeyCheck;
import io.cutover.plan.ParityChecksumCheck;
import io.cutover.plan.ParityCountCheck;
import io.cutover.plan.PlanJson;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SequenceCheck;
import io.cutover.plan.SqliteDatabase;
import io.cutover.testing.PgTesting;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy and parity activities against a real SQLite file and a real PostgreSQL. */
class CopyActivityTest {
  @TempDir Path tmp;
  Path sqlite;
  PgTesting.Db pg;
  DbRef source;
  DbRef target;

  @BeforeEach
  void setUp() throws Exception {
    sqlite = tmp.resolve("source.db");
    CopyFixture.create(sqlite);
    pg = PgTesting.newDatabase();
    source = new DbRef("sqlite", new SqliteDatabase(sqlite.toString(), null, null));
    target =
        new DbRef(
            "pg",
            new PostgresDatabase(
                pg.url(), pg.user(), "${file:" + pg.passwordFile() + "}", null, null));
  }

  StepContext ctx(String step) {
    return new StepContext("copy-test/run-1", step, tmp.toString(), false);
  }

  StepOutcome copy(int chunkRows, long failAfter) {
    CopyStep step =
        PlanJson.of(
            CopyStep.class,
            Map.of(
                "id",
                "copy",
                "source",
                "sqlite",
                "target",
                "pg",
                "parallel",
                2,
                "chunkRows",
                chunkRows));
    return CopyActivitiesImpl.copy(new CopyRequest(ctx("copy"), source, target, step), failAfter);
  }

  StepOutcome validate(List<Check> checks) {
    return new ValidateActivitiesImpl()
        .validate(
            new ValidateRequest(ctx("parity"), target, checks, Map.of(), Map.of("sqlite", source)));
  }

  @Test
  void everyMappedTypeRoundTripsExactlyIncludingNullsUnicodeAndLargeBlobs() throws Exception {
    copy(100, -1);
    for (String table : List.of("regions", "customers", "orders", "order_lines")) {
      String order = table.equals("regions") ? "code" : "id";
      try (Connection s = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
          Connection p = pg.connect();
          Statement ss = s.createStatement();
          Statement ps = p.createStatement();
          ResultSet a = ss.executeQuery("SELECT * FROM " + table + " ORDER BY " + order);
          ResultSet b =
              ps.executeQuery(
                  "SELECT * FROM "
                      + table
                      + " ORDER BY "
                      + order
                      + (order.equals("code") ? " COLLATE \"C\"" : ""))) {
        ResultSetMetaData md = a.getMetaData();
        int rows = 0;
        while (a.next()) {
          assertTrue(b.next(), table + ": PostgreSQL has fewer rows");
          rows++;
          for (int i = 1; i <= md.getColumnCount(); i++) {
            String col = table + "." + md.getColumnName(i) + " row " + rows;
            Object sv = a.getObject(i);
            Object pv = b.getObject(md.getColumnName(i));
            if (sv == null) {
              assertEquals(null, pv, col + " stays NULL");
            } else if (sv instanceof byte[] bytes) {
              assertArrayEquals(bytes, (byte[]) pv, col);
            } else if (sv instanceof Double d) {
              double got = pv instanceof BigDecimal bd ? bd.doubleValue() : (Double) pv;
              assertEquals(
                  Double.doubleToRawLongBits(d),
                  Double.doubleToRawLongBits(got),
                  col + ": " + d + " vs " + got);
            } else if (pv instanceof Boolean bool) {
              assertEquals(((Number) sv).intValue() != 0, bool, col);
            } else if (pv instanceof Date || pv instanceof Timestamp) {
              String want = sv.toString().trim().replace('T', ' ');
              assertEquals(want, b.getString(md.getColumnName(i)).substring(0, want.length()), col);
            } else if (sv instanceof Number n) {
              assertEquals(n.longValue(), ((Number) pv).longValue(), col);
            } else {
              assertEquals(sv, pv, col);
            }
          }
        }
        assertTrue(!b.next(), table + ": PostgreSQL has more rows");
      }
    }
    assertEquals(
        "bigint",
        pg.scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'customers' AND"
                + " column_name = 'id'"));
    assertEquals(
        "double precision",
        pg.scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND"
                + " column_name = 'amount'"));
    assertEquals(
        "boolean",
        pg.scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND"
                + " column_name = 'paid'"));
    assertEquals(
        "timestamp without time zone",
        pg.scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' AND"
                + " column_name = 'shipped_at'"));
    assertEquals(
        "bytea",
        pg.scalar(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'customers' AND"
                + " column_name = 'avatar'"));
    assertEquals(
        Integer.toString(2 * 1024 * 1024),
        pg.scalar("SELECT length(avatar) FROM customers WHERE id = 1"));
    StepOutcome parity =
        validate(
            List.of(
                new ParityCountCheck(null, "sqlite", null),
                new ParityChecksumCheck(null, "sqlite", null)));
    assertTrue(
        parity.evidence().stream().noneMatch(Evidence::failed), parity.evidence().toString());
    assertEquals(8, parity.evidence().size());
  }

  @Test
  void foreignKeyOrderConstraintsAndSequencesLetTheNextInsertSucceed() throws Exception {
    StepOutcome out = copy(100, -1);
    String order =
        out.evidence().stream()
            .filter(e -> e.name().equals("foreign-key order"))
            .findFirst()
            .orElseThrow()
            .actual();
    String formats =
        out.evidence().stream()
            .filter(e -> e.name().startsWith("rows copied into"))
            .map(Object::toString)
            .toList()
            .toString();
    assertTrue(
        formats.contains("order_lines (created): " + CopyFixture.LINES + " (COPY binary)"),
        formats);
    assertTrue(
        formats.contains(
            "customers (created): " + CopyFixture.CUSTOMERS + " (COPY binary, then text)"),
        "customer 13's timestamp text has no exact binary form: " + formats);
    assertTrue(
        formats.contains("orders (created): " + CopyFixture.ORDERS + " (COPY text)"),
        "numeric goes as text: " + formats);
    assertEquals("regions → customers → orders → order_lines", order);
    assertEquals(
        "3",
        pg.scalar(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace ="
                + " 'public'::regnamespace"),
        "foreign keys built after the data");
    assertEquals(
        "4",
        pg.scalar(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace ="
                + " 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'cutover%'"));
    assertEquals(
        "1", pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_by_customer'"));
    assertEquals(
        "1",
        pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_slug_key'"),
        "UNIQUE became a unique index");
    pg.execute("INSERT INTO orders (customer_id, amount) VALUES (1, 9.5)");
    assertEquals(
        Integer.toString(CopyFixture.ORDERS + 1),
        pg.scalar("SELECT max(id) FROM orders"),
        "the next id follows max(id)");
    StepOutcome checks =
        validate(List.of(new SequenceCheck(null, null), new ForeignKeyCheck(null, null)));
    assertTrue(
        checks.evidence().stream().noneMatch(Evidence::failed), checks.evidence().toString());
    ApplicationFailure orphan =
        assertThrows(
            ApplicationFailure.class,
            () -> {
              pg.execute("ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_id_fkey");
              pg.execute("DELETE FROM orders WHERE id = 5");
              pg.execute(
                  "ALTER TABLE order_lines ADD CONSTRAINT lines_orders FOREIGN KEY (order_id)"
                      + " REFERENCES orders (id) NOT VALID");
              validate(List.of(new ForeignKeyCheck(null, null)));
            });
    assertEquals("CHECK_FAILED", orphan.getType());
    assertTrue(orphan.getOriginalMessage().contains("orphan"), orphan.getOriginalMessage());
  }

  @Test
  void parityFindsOneChangedByteOneMissingRowOneExtraRowAndNamesEveryKey() throws Exception {
    copy(100, -1);
    pg.execute("UPDATE orders SET note = overlay(note placing 'X' from 1 for 1) WHERE id = 7");
    pg.execute("DELETE FROM order_lines WHERE id = 3");
    pg.execute("INSERT INTO customers (id, name, slug) VALUES (999, 'intruder', 'intruder')");
    pg.execute(
        "UPDATE customers SET avatar = overlay(avatar placing '\\x00'::bytea from 1000 for 1) WHERE"
            + " id = 1");
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                validate(
                    List.of(
                        new ParityCountCheck(null, "sqlite", null),
                        new ParityChecksumCheck("content parity", "sqlite", null))));
    assertEquals("CHECK_FAILED", f.getType());
    Path evidence = tmp.resolve("evidence/copy-test_run-1/parity/content_parity.tsv");
    assertTrue(
        f.getOriginalMessage().contains(evidence.toString()),
        "the message says where the evidence is: " + f.getOriginalMessage());
    List<String> lines = Files.readAllLines(evidence);
    assertTrue(
        lines.contains("orders\t7\tchanged\tnote\tnote 7 ünïcödé\tXote 7 ünïcödé"),
        lines.toString());
    assertTrue(lines.contains("order_lines\t3\tmissing here\t\tpresent\t"), lines.toString());
    assertTrue(lines.contains("customers\t999\textra row here\t\t\tpresent"), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("customers\t1\tchanged\tavatar")),
        lines.toString());
    assertEquals(5, lines.size(), "a header and one line per mismatching key: " + lines);
  }

  @Test
  void parityCatchesDoublesStoredAsSinglePrecision() throws Exception {
    copy(100, -1);
    pg.execute("ALTER TABLE orders ALTER COLUMN amount TYPE real");
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () ->
                validate(List.of(new ParityChecksumCheck("amounts", "sqlite", List.of("orders")))));
    List<String> lines =
        Files.readAllLines(tmp.resolve("evidence/copy-test_run-1/parity/amounts.tsv"));
    assertTrue(
        lines.size() > CopyFixture.ORDERS / 2,
        "most random doubles lose bits as float4: " + lines.size());
    assertTrue(lines.get(1).contains("\tchanged\tamount\t"), lines.get(1));
  }

  @Test
  void anInterruptedCopyResumesFromItsCheckpointWithoutDuplicatesOrGaps() throws Exception {
    ApplicationFailure crash = assertThrows(ApplicationFailure.class, () -> copy(50, 420));
    assertTrue(crash.getOriginalMessage().contains("injected fault"), crash.getOriginalMessage());
    long partial =
        Long.parseLong(
            pg.scalar(
                "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) + (SELECT"
                    + " count(*) FROM order_lines) + (SELECT count(*) FROM regions)"));
    long total = 3 + CopyFixture.CUSTOMERS + CopyFixture.ORDERS + CopyFixture.LINES;
    assertTrue(
        partial >= 420 && partial < total,
        "stopped mid-copy after committing " + partial + " of " + total + " rows");

    StepOutcome resumed = copy(50, -1);
    assertTrue(
        resumed.evidence().stream()
            .anyMatch(e -> e.name().equals("resumed from committed checkpoints")),
        resumed.evidence().toString());
    assertEquals(
        Integer.toString(CopyFixture.LINES),
        pg.scalar("SELECT count(DISTINCT id) FROM order_lines"));
    assertEquals(
        Integer.toString(CopyFixture.LINES),
        pg.scalar("SELECT count(*) FROM order_lines"),
        "no duplicates");
    StepOutcome parity = validate(List.of(new ParityChecksumCheck(null, "sqlite", null)));
    assertTrue(
        parity.evidence().stream().noneMatch(Evidence::failed), parity.evidence().toString());

    StepOutcome again = copy(50, -1);
    assertTrue(
        again.summary().contains("copied " + total + " rows"),
        "running it again changes nothing: " + again.summary());
    assertEquals(
        Integer.toString(CopyFixture.LINES), pg.scalar("SELECT count(*) FROM order_lines"));
  }
}
