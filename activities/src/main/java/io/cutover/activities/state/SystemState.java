package io.cutover.activities.state;

import io.cutover.activities.DbRef;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.TableDigest;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.plan.ConfigStep;
import io.cutover.plan.Database;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plan's target system looks like, as content checksums a rehearsal compares before and
 * after: every table of every database the plan names (schema and rows), and every file the plan's
 * steps write (configuration files, maintenance flags). Backups, records and logs are what a run
 * leaves behind on purpose, so they are not part of it.
 */
public final class SystemState {
  private static final String UNREACHABLE = "unreachable: ";

  private SystemState() {}

  /**
   * Two captures compared.
   *
   * @param differences one line per table or file that is not as it was
   * @param notCompared databases that could not be read before (e.g. a server the plan itself
   *     starts): their state after is not compared with anything
   */
  public record Comparison(List<String> differences, List<String> notCompared) {}

  /**
   * Captures the state. A SQLite database that does not exist yet but has {@code createFrom} is
   * created from it first, as the run itself would: its starting state is the fixture.
   */
  public static Map<String, String> capture(Plan plan) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Database> db : plan.resources().databases().entrySet()) {
      try (Connection c = Connections.open(new DbRef(db.getKey(), db.getValue()), plan.baseDir())) {
        for (String table : tables(c)) {
          out.put("database " + db.getKey() + " table " + table, TableDigest.digest(c, table));
        }
      } catch (SQLException | RuntimeException e) {
        out.put("database " + db.getKey(), UNREACHABLE + e.getMessage());
      }
    }
    for (Step s : plan.steps()) {
      Path file = fileOf(s, plan.baseDir());
      if (file != null) {
        out.put("file " + file, fileDigest(file));
      }
    }
    return out;
  }

  /** Compares two captures. */
  public static Comparison compare(Map<String, String> before, Map<String, String> after) {
    List<String> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, String> b : before.entrySet()) {
      if (b.getValue().startsWith(UNREACHABLE)) {
        skipped.add(b.getKey() + " (" + b.getValue() + ")");
      }
    }
    for (Map.Entry<String, String> b : before.entrySet()) {
      if (b.getValue().startsWith(UNREACHABLE)) {
        continue;
      }
      String a = after.get(b.getKey());
      if (a == null) {
        out.add(b.getKey() + ": gone (was " + b.getValue() + ")");
      } else if (!a.equals(b.getValue())) {
        out.add(b.getKey() + ": " + b.getValue() + " before, " + a + " after");
      }
    }
    for (Map.Entry<String, String> a : after.entrySet()) {
      boolean ofSkipped =
          before.entrySet().stream()
              .anyMatch(
                  b ->
                      b.getValue().startsWith(UNREACHABLE)
                          && (a.getKey() + " ").startsWith(b.getKey() + " "));
      if (!before.containsKey(a.getKey()) && !ofSkipped) {
        out.add(a.getKey() + ": new (" + a.getValue() + ")");
      }
    }
    return new Comparison(out, skipped);
  }

  private static Path fileOf(Step s, String baseDir) {
    if (s instanceof ConfigStep c) {
      return PlanPaths.resolve(baseDir, c.file());
    }
    if (s instanceof MaintenanceStep m && m.flag() != null) {
      return PlanPaths.resolve(baseDir, m.flag());
    }
    return null;
  }

  private static String fileDigest(Path file) {
    if (!Files.exists(file)) {
      return "absent";
    }
    try {
      return SafeFiles.sha256(file);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /**
   * User tables: SQLite's own and PostgreSQL's catalogs left out; PostgreSQL's current schema only.
   */
  private static List<String> tables(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    boolean sqlite = TableDigest.isSqlite(c);
    String schema = sqlite ? null : c.getSchema();
    List<String> out = new ArrayList<>();
    try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (!name.startsWith("sqlite_")) {
          out.add(name);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
