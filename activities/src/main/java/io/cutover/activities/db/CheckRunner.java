package io.cutover.activities.db;

import io.cutover.activities.support.Fail;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.Check;
import io.cutover.plan.CountCheck;
import io.cutover.plan.IntegrityCheck;
import io.cutover.plan.OrphanCheck;
import io.cutover.plan.ProtectedCheck;
import io.cutover.plan.UniqueCheck;
import io.cutover.plan.ValueCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs validation checks against one connection. Every check runs; a check that said "no" and a
 * check that could not run are reported apart, and both end the step.
 */
public final class CheckRunner {
  private static final int SAMPLE = 20;

  private final Connection c;
  private final Map<String, String> fingerprints;
  private final List<Evidence> evidence = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> artifacts = new ArrayList<>();
  private Extension extension;

  /**
   * Checks that need more than this one connection: parity with another database, evidence files.
   */
  public interface Extension {
    /** Runs the check if it is one of this extension's and returns true; false otherwise. */
    boolean run(Check check, Connection c, List<Evidence> evidence, List<String> artifacts)
        throws SQLException;
  }

  public CheckRunner with(Extension extension) {
    this.extension = extension;
    return this;
  }

  public CheckRunner(Connection c, Map<String, String> fingerprints) {
    this.c = c;
    this.fingerprints = fingerprints == null ? Map.of() : fingerprints;
  }

  public List<Evidence> evidence() {
    return evidence;
  }

  public CheckRunner runAll(List<Check> checks) {
    for (Check check : checks) {
      try {
        run(check);
      } catch (SQLException e) {
        if (Connections.isTransient(e)) {
          throw Fail.transientFault("database unavailable while checking: " + e.getMessage(), e);
        }
        String name = check.name() != null ? check.name() : check.getClass().getSimpleName();
        evidence.add(new Evidence(name, null, "could not run: " + e.getMessage(), false));
        errors.add(name + ": " + e.getMessage());
      }
    }
    return this;
  }

  /** Throws CHECK_ERROR or CHECK_FAILED (evidence attached) unless every check passed. */
  public StepOutcome outcome(String what) {
    long failed = evidence.stream().filter(Evidence::failed).count();
    StepOutcome out =
        new StepOutcome(
            what + ": " + (evidence.size() - failed) + "/" + evidence.size() + " checks passed",
            evidence,
            artifacts);
    if (!errors.isEmpty()) {
      throw Fail.of(
          FailureType.CHECK_ERROR,
          what + ": " + errors.size() + " check(s) could not run: " + String.join("; ", errors),
          out);
    }
    if (failed > 0) {
      List<String> bad =
          evidence.stream().filter(Evidence::failed).map(Evidence::toString).toList();
      throw Fail.of(
          FailureType.CHECK_FAILED,
          what + ": " + failed + " check(s) failed: " + String.join("; ", bad),
          out);
    }
    return out;
  }

  private void run(Check check) throws SQLException {
    if (check instanceof CountCheck k) {
      count(k);
    } else if (check instanceof ValueCheck k) {
      String actual = scalar(k.sql());
      evidence.add(
          Evidence.check(
              label(k.name(), "value of " + k.sql()),
              k.expect(),
              actual,
              k.expect().equals(actual)));
    } else if (check instanceof OrphanCheck k) {
      orphans(k);
    } else if (check instanceof UniqueCheck k) {
      unique(k);
    } else if (check instanceof ProtectedCheck k) {
      protectedUnchanged(k);
    } else if (check instanceof IntegrityCheck k) {
      integrity(k);
    } else if (extension == null || !extension.run(check, c, evidence, artifacts)) {
      throw new SQLException("unsupported check " + check.getClass().getSimpleName());
    }
  }

  private void count(CountCheck k) throws SQLException {
    String sql =
        k.sql() != null
            ? k.sql()
            : "SELECT COUNT(*) FROM "
                + SqlNames.quote(k.table())
                + (k.where() == null ? "" : " WHERE " + k.where());
    String name = label(k.name(), k.table() != null ? "rows in " + k.table() : sql);
    long actual = Long.parseLong(String.valueOf(scalar(sql)));
    if (k.expect() != null) {
      evidence.add(Evidence.check(name, k.expect(), actual, actual == k.expect()));
    } else if (k.min() != null || k.max() != null) {
      boolean ok = (k.min() == null || actual >= k.min()) && (k.max() == null || actual <= k.max());
      String range =
          (k.min() == null ? "" : ">= " + k.min())
              + (k.min() != null && k.max() != null ? " and " : "")
              + (k.max() == null ? "" : "<= " + k.max());
      evidence.add(Evidence.check(name, range, actual, ok));
    } else {
      evidence.add(Evidence.info(name, actual));
    }
  }

  private void orphans(OrphanCheck k) throws SQLException {
    int dot = k.references().lastIndexOf('.');
    if (dot <= 0) {
      throw new SQLException(
          "references must be written parent_table.column, got '" + k.references() + "'");
    }
    String parent = SqlNames.quote(k.references().substring(0, dot));
    String parentCol = SqlNames.quote(k.references().substring(dot + 1));
    String col = SqlNames.quote(k.column());
    List<String> keys0 = TableDigest.primaryKey(c, k.table());
    String key =
        keys0.isEmpty()
            ? "c." + col
            : String.join(
                " || '/' || ", keys0.stream().map(x -> "c." + SqlNames.quote(x)).toList());
    String sql =
        "SELECT "
            + key
            + " || ' ("
            + k.column()
            + "=' || c."
            + col
            + " || ')' FROM "
            + SqlNames.quote(k.table())
            + " c WHERE c."
            + col
            + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            + parent
            + " p WHERE p."
            + parentCol
            + " = c."
            + col
            + ")";
    List<String> keys = Queries.column(c, sql);
    evidence.add(
        Evidence.check(
            label(k.name(), "orphans in " + k.table() + "." + k.column() + " → " + k.references()),
            0,
            describe(keys),
            keys.isEmpty()));
  }

  private void unique(UniqueCheck k) throws SQLException {
    String cols = String.join(", ", k.columns().stream().map(SqlNames::quote).toList());
    String concat =
        k.columns().size() == 1
            ? cols
            : String.join(" || '|' || ", k.columns().stream().map(SqlNames::quote).toList());
    String sql =
        "SELECT "
            + concat
            + " FROM "
            + SqlNames.quote(k.table())
            + " GROUP BY "
            + cols
            + " HAVING COUNT(*) > 1";
    List<String> dups = Queries.column(c, sql);
    evidence.add(
        Evidence.check(
            label(k.name(), "duplicate " + String.join("+", k.columns()) + " in " + k.table()),
            0,
            describe(dups),
            dups.isEmpty()));
  }

  private void protectedUnchanged(ProtectedCheck k) throws SQLException {
    List<String> tables = k.tables().isEmpty() ? List.copyOf(fingerprints.keySet()) : k.tables();
    if (tables.isEmpty()) {
      throw new SQLException(
          "no protected tables to compare: declare them under the database's 'protected'");
    }
    for (String t : tables) {
      String before = fingerprints.get(t);
      if (before == null) {
        throw new SQLException(
            "no checksum of "
                + t
                + " was taken when the run began: list it under the database's 'protected'");
      }
      String now = TableDigest.digest(c, t);
      evidence.add(
          Evidence.check(
              label(k.name(), "protected tables unchanged") + ": " + t,
              before,
              now,
              before.equals(now)));
    }
  }

  private void integrity(IntegrityCheck k) throws SQLException {
    if (!TableDigest.isSqlite(c)) {
      evidence.add(Evidence.info(label(k.name(), "integrity"), "not applicable to this database"));
      return;
    }
    String pragma = k.quick() ? "quick_check" : "integrity_check";
    String result = scalar("PRAGMA " + pragma);
    evidence.add(
        Evidence.check(
            label(k.name(), "integrity") + ": " + pragma, "ok", result, "ok".equals(result)));
    if (k.foreignKeys()) {
      List<String> fk = Queries.column(c, "PRAGMA foreign_key_check");
      evidence.add(
          Evidence.check(
              label(k.name(), "integrity") + ": rows breaking foreign keys",
              0,
              describe(fk),
              fk.isEmpty()));
    }
  }

  private String scalar(String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String describe(List<String> keys) {
    if (keys.isEmpty()) {
      return "0";
    }
    List<String> head = keys.subList(0, Math.min(SAMPLE, keys.size()));
    return keys.size() + " (" + String.join(", ", head) + (keys.size() > SAMPLE ? ", …" : "") + ")";
  }

  private static String label(String given, String fallback) {
    return given != null && !given.isBlank() ? given : fallback;
  }
}
