package io.cutover.activities.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.ImportCsvRequest;
import io.cutover.activities.SqlRequest;
import io.cutover.activities.TruncateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ColumnType;
import io.cutover.plan.CsvFile;
import io.cutover.plan.ImportCsvStep;
import io.cutover.plan.PlanJson;
import io.cutover.plan.SqlStep;
import io.cutover.plan.TruncateStep;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataActivitiesTest {
  @TempDir Path tmp;
  final DataActivitiesImpl data = new DataActivitiesImpl();

  ImportCsvStep importOf(String file) {
    return new ImportCsvStep(
        "import",
        null,
        null,
        null,
        null,
        "app",
        List.of(
            new CsvFile(
                file,
                "items",
                Map.of(
                    "Id", "id", "Name", "name", "Price", "price", "Active", "active", "Born",
                    "born"),
                Map.of(
                    "id",
                    ColumnType.INTEGER,
                    "price",
                    ColumnType.REAL,
                    "active",
                    ColumnType.BOOLEAN,
                    "born",
                    ColumnType.DATE),
                List.of("", "NULL"),
                null)),
        null,
        null,
        null);
  }

  @Test
  void importTypesValuesAndRunsOncePerRun() throws Exception {
    DbFixture db = new DbFixture(tmp);
    Files.writeString(
        tmp.resolve("items.csv"),
        "Id,Name,Price,Active,Born,Ignored\n"
            + "1,\"Widget, large\",2.50,yes,2025-08-02,x\n"
            + "2,\"Quote \"\"inside\"\"\",NULL,no,\"August 2, 2025\",y\n"
            + "3,Ünïcode ✓,,1,,z\n");
    StepOutcome first =
        data.importCsv(new ImportCsvRequest(db.ctx("import"), db.ref, importOf("items.csv")));
    assertEquals("3", first.evidence().get(0).actual());
    StepOutcome again =
        data.importCsv(new ImportCsvRequest(db.ctx("import"), db.ref, importOf("items.csv")));
    assertEquals(3, db.count("items"), "a retry of the same step changes nothing");
    assertTrue(
        again.summary().contains("imported 0 rows") || again.evidence().isEmpty(), again.summary());
    assertEquals(
        "Widget, large|2.5|1|2025-08-02",
        db.scalar(
            "SELECT name || '|' || price || '|' || active || '|' || born FROM items WHERE id = 1"));
    assertEquals(
        "Quote \"inside\"||0|2025-08-02",
        db.scalar(
            "SELECT name || '|' || ifnull(price, '') || '|' || active || '|' || born FROM items"
                + " WHERE id = 2"));
    assertEquals("Ünïcode ✓", db.scalar("SELECT name FROM items WHERE id = 3"));
    assertEquals("1", db.scalar("SELECT COUNT(*) FROM items WHERE price IS NULL AND id = 3"));
  }

  @Test
  void malformedCsvIsRefusedWithItsLineAndNothingIsImported() throws Exception {
    DbFixture db = new DbFixture(tmp);
    Files.writeString(
        tmp.resolve("short.csv"), "Id,Name,Price,Active,Born\n1,a,1,yes,2025-01-01\n2,b,2\n");
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(
                    new ImportCsvRequest(db.ctx("import"), db.ref, importOf("short.csv"))));
    assertEquals("BAD_DATA", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("short.csv line 3: 3 fields, but the header has 5"),
        e.getOriginalMessage());
    assertEquals(0, db.count("items"), "no partial data");

    Files.write(
        tmp.resolve("latin1.csv"),
        "Id,Name,Price,Active,Born\n1,caf\u00e9,1,yes,2025-01-01\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(
                    new ImportCsvRequest(db.ctx("import2"), db.ref, importOf("latin1.csv"))));
    assertTrue(e.getOriginalMessage().contains("not valid UTF-8"), e.getOriginalMessage());

    Files.writeString(
        tmp.resolve("typed.csv"), "Id,Name,Price,Active,Born\n1,a,cheap,yes,2025-01-01\n");
    e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(
                    new ImportCsvRequest(db.ctx("import3"), db.ref, importOf("typed.csv"))));
    assertTrue(
        e.getOriginalMessage()
            .contains("typed.csv line 2 column 'price': 'cheap' is not a valid real"),
        e.getOriginalMessage());

    Files.writeString(
        tmp.resolve("open.csv"), "Id,Name,Price,Active,Born\n1,\"never closed,1,yes,2025-01-01\n");
    e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(
                    new ImportCsvRequest(db.ctx("import4"), db.ref, importOf("open.csv"))));
    assertTrue(
        e.getOriginalMessage().contains("quoted field is never closed"), e.getOriginalMessage());
    assertEquals(0, db.count("items"));
  }

  @Test
  void charactersAfterAClosingQuoteAreAnErrorNamingFileAndLineEvenWithCrOnlyLineEndings()
      throws Exception {
    DbFixture db = new DbFixture(tmp);
    // The hand-written reader this replaced imported "abc"def as abcdef.
    Files.writeString(
        tmp.resolve("quotes.csv"),
        "Id,Name,Price,Active,Born\n1,a,1,yes,2025-01-01\n2,\"abc\"def,2,yes,2025-01-02\n");
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(new ImportCsvRequest(db.ctx("q1"), db.ref, importOf("quotes.csv"))));
    assertEquals("BAD_DATA", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("quotes.csv line 3: characters after a closing quote"),
        e.getOriginalMessage());
    assertEquals(0, db.count("items"), "no partial data");

    // Old Mac line endings: CR only. The error is on the fourth line, not "line 1".
    Files.writeString(
        tmp.resolve("cr.csv"),
        "Id,Name,Price,Active,Born\r"
            + "1,a,1,yes,2025-01-01\r"
            + "2,b,2,yes,2025-01-02\r"
            + "3,\"c\"x,3,yes,2025-01-03\r");
    e =
        assertThrows(
            ApplicationFailure.class,
            () -> data.importCsv(new ImportCsvRequest(db.ctx("q2"), db.ref, importOf("cr.csv"))));
    assertTrue(
        e.getOriginalMessage().contains("cr.csv line 4: characters after a closing quote"),
        e.getOriginalMessage());

    // A quoted field over two lines moves the next record's line number on by two.
    Files.writeString(
        tmp.resolve("multi.csv"),
        "Id,Name,Price,Active,Born\r\n1,\"two\r\nlines\",1,yes,2025-01-01\r\n2,b,2\r\n");
    e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.importCsv(new ImportCsvRequest(db.ctx("q3"), db.ref, importOf("multi.csv"))));
    assertTrue(
        e.getOriginalMessage().contains("multi.csv line 4: 3 fields, but the header has 5"),
        e.getOriginalMessage());

    // Well-formed CR-only and quoted files import.
    Files.writeString(
        tmp.resolve("good.csv"),
        "Id,Name,Price,Active,Born\r"
            + "1,\"say \"\"hi\"\", ok\",1,yes,2025-01-01\r"
            + "2,b,2,no,2025-01-02\r");
    data.importCsv(new ImportCsvRequest(db.ctx("q4"), db.ref, importOf("good.csv")));
    assertEquals(2, db.count("items"));
    assertEquals("say \"hi\", ok", db.scalar("SELECT name FROM items WHERE id = 1"));
  }

  @Test
  void truncateRefusesProtectedTablesAndEmptiesTheOthersOnce() throws Exception {
    DbFixture db = new DbFixture(tmp, "audit");
    db.exec("INSERT INTO items (name) VALUES ('a'), ('b')");
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                data.truncate(
                    new TruncateRequest(
                        db.ctx("t"),
                        db.ref,
                        new TruncateStep(
                            "t",
                            null,
                            null,
                            null,
                            null,
                            "app",
                            List.of("items", "audit"),
                            null,
                            null,
                            null))));
    assertEquals("PROTECTED_TABLE", e.getType());
    assertEquals(2, db.count("items"), "nothing was emptied");

    data.truncate(
        new TruncateRequest(
            db.ctx("t2"),
            db.ref,
            PlanJson.of(
                TruncateStep.class,
                Map.of("id", "t2", "database", "app", "tables", List.of("items")))));
    assertEquals(0, db.count("items"));
    db.exec("INSERT INTO items (name) VALUES ('written after the step')");
    StepOutcome again =
        data.truncate(
            new TruncateRequest(
                db.ctx("t2"),
                db.ref,
                PlanJson.of(
                    TruncateStep.class,
                    Map.of("id", "t2", "database", "app", "tables", List.of("items")))));
    assertEquals(1, db.count("items"), "a retry does not run the step twice");
    assertTrue(again.summary().contains("already applied"), again.summary());
  }

  @Test
  void aScriptThatTouchesAProtectedTableIsRolledBack() throws Exception {
    DbFixture db = new DbFixture(tmp, "audit");
    SqlStep step =
        new SqlStep(
            "s",
            null,
            null,
            null,
            null,
            "app",
            null,
            List.of(
                "INSERT INTO items (name) VALUES ('x')",
                "UPDATE audit SET line = 'tampered' WHERE id = 1"),
            null,
            null,
            null);
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> data.runSql(new SqlRequest(db.ctx("s"), db.ref, step)));
    assertEquals("PROTECTED_TABLE", e.getType());
    assertEquals(0, db.count("items"));
    assertEquals("created", db.scalar("SELECT line FROM audit WHERE id = 1"));
  }
}
