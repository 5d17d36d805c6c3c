package io.cutover.activities.db;

import io.cutover.activities.DataActivities;
import io.cutover.activities.DbRef;
import io.cutover.activities.ImportCsvRequest;
import io.cutover.activities.SqlRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.TruncateRequest;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Meters;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Pulse;
import io.cutover.activities.support.TextFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CsvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public class DataActivitiesImpl implements DataActivities {
  /** A unit of work inside a transaction, returning the evidence it produced. */
  private interface Work {
    List<Evidence> apply(Connection c) throws SQLException, IOException, CsvReader.CsvException;
  }

  @Override
  public StepOutcome truncate(TruncateRequest request) {
    DbRef db = request.db();
    for (String t : request.step().tables()) {
      refuseProtected(db, t, "truncate");
    }
    return once(
        request.context(),
        db,
        "truncate",
        "emptied " + String.join(", ", request.step().tables()),
        c -> {
          List<Evidence> ev = new ArrayList<>();
          boolean sqlite = TableDigest.isSqlite(c);
          try (Statement st = c.createStatement()) {
            for (String t : request.step().tables()) {
              int n = st.executeUpdate("DELETE FROM " + SqlNames.quote(t));
              ev.add(Evidence.info("rows deleted from " + t, n));
            }
            if (sqlite && hasTable(c, "sqlite_sequence")) {
              for (String t : request.step().tables()) {
                try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM sqlite_sequence WHERE name = ?")) {
                  ps.setString(1, t);
                  ps.executeUpdate();
                }
              }
            }
          }
          return ev;
        });
  }

  @Override
  public StepOutcome importCsv(ImportCsvRequest request) {
    DbRef db = request.db();
    StepContext ctx = request.context();
    List<Evidence> all = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (CsvFile f : request.step().files()) {
      refuseProtected(db, f.table(), "import into");
      Path file = PlanPaths.resolve(ctx.baseDir(), f.file());
      if (!Files.exists(file)) {
        throw Fail.of(FailureType.NOT_FOUND, "CSV file " + file + " does not exist");
      }
      StepOutcome one =
          once(
              ctx,
              db,
              "import:" + f.file(),
              "imported " + f.file() + " into " + f.table(),
              c -> CsvImport.load(c, file, f));
      all.addAll(one.evidence());
      files.add(file.toString());
    }
    long rows =
        all.stream()
            .filter(e -> e.name().startsWith("rows imported"))
            .mapToLong(e -> Long.parseLong(e.actual()))
            .sum();
    Meters.rowsCopied("import-csv", rows);
    return new StepOutcome(
        "imported " + rows + " rows from " + files.size() + " file(s)", all, List.of());
  }

  @Override
  public StepOutcome runSql(SqlRequest request) {
    StepContext ctx = request.context();
    String script;
    String label;
    if (request.step().file() != null) {
      Path file = PlanPaths.resolve(ctx.baseDir(), request.step().file());
      try {
        script = TextFiles.readUtf8(file);
      } catch (IOException e) {
        throw Fail.of(
            FailureType.NOT_FOUND, "cannot read SQL script " + file + ": " + e.getMessage());
      }
      label = request.step().file();
    } else {
      script = String.join(";\n", request.step().statements());
      label = request.step().statements().size() + " statement(s)";
    }
    DbRef db = request.db();
    return once(
        ctx,
        db,
        "sql",
        "ran " + label,
        c -> {
          Map<String, String> before = protectedDigests(c, db);
          long changed = SqlScript.execute(c, script);
          Map<String, String> after = protectedDigests(c, db);
          for (Map.Entry<String, String> e : before.entrySet()) {
            if (!e.getValue().equals(after.get(e.getKey()))) {
              throw Fail.of(
                  FailureType.PROTECTED_TABLE,
                  label
                      + " changed protected table '"
                      + e.getKey()
                      + "'; the transaction was rolled back");
            }
          }
          return List.of(Evidence.info("rows changed by " + label, changed));
        });
  }

  /**
   * Runs {@code work} and records it in the ledger in one transaction, unless the ledger says this
   * run already applied it, in which case nothing changes.
   */
  private static StepOutcome once(
      StepContext ctx, DbRef db, String action, String summary, Work work) {
    try (Connection c = Connections.open(db, ctx.baseDir())) {
      c.setAutoCommit(false);
      try {
        Ledger.ensure(c);
        String done = Ledger.find(c, ctx, action);
        if (done != null) {
          c.rollback();
          return new StepOutcome(
              done + " (already applied by an earlier attempt; not repeated)",
              List.of(),
              List.of());
        }
        Pulse.progress(Map.of("action", action));
        List<Evidence> evidence = work.apply(c);
        Ledger.record(c, ctx, action, summary);
        c.commit();
        return new StepOutcome(summary, evidence, List.of());
      } catch (SQLException | IOException | RuntimeException | CsvReader.CsvException e) {
        c.rollback();
        throw e;
      }
    } catch (CsvReader.CsvException e) {
      throw Fail.of(FailureType.BAD_DATA, e.getMessage() + " — nothing was imported from it");
    } catch (SQLException e) {
      if (Connections.isTransient(e)) {
        throw Fail.transientFault(action + " on '" + db.name() + "': " + e.getMessage(), e);
      }
      throw Fail.of(
          FailureType.BAD_DATA,
          action + " on '" + db.name() + "' failed and was rolled back: " + e.getMessage());
    } catch (IOException e) {
      throw Fail.transientFault(action + " on '" + db.name() + "': " + e.getMessage(), e);
    }
  }

  private static void refuseProtected(DbRef db, String table, String verb) {
    for (String p : db.database().protectedTables()) {
      if (p.equalsIgnoreCase(table)) {
        throw Fail.of(
            FailureType.PROTECTED_TABLE,
            "refusing to "
                + verb
                + " '"
                + table
                + "': it is protected on database '"
                + db.name()
                + "'");
      }
    }
  }

  private static Map<String, String> protectedDigests(Connection c, DbRef db) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : db.database().protectedTables()) {
      out.put(t, TableDigest.digest(c, t));
    }
    return out;
  }

  static boolean hasTable(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, name.toLowerCase(Locale.ROOT));
      return ps.executeQuery().next();
    }
  }
}
