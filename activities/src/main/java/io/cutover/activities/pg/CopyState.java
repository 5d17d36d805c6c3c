package io.cutover.activities.pg;

import io.cutover.activities.StepContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy's bookkeeping inside the target database: which tables this run created or filled, and for
 * each part of a table the last key committed. A part's row is updated in the same transaction as
 * the chunk of data it describes, so the checkpoint can never disagree with the rows that are
 * really there.
 */
final class CopyState {
  static final String TABLES = "cutover_copy_tables";
  static final String PROGRESS = "cutover_copy_progress";

  /** One part's checkpoint: keys in {@code (lo, hi]} for rowid tables; {@code lastKey} as text. */
  record Part(String table, int part, Long lo, Long hi, String lastKey, long rows, boolean done) {
    /** A whole-table part (no key range) not started, of {@code rows} rows. */
    static Part whole(String table, int part, long rows) {
      return new Part(table, part, null, null, null, rows, false);
    }

    String range() {
      return lo == null ? "all" : "(" + lo + ", " + hi + "]";
    }
  }

  private CopyState() {}

  static void ensure(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLES
              + " (run_key text NOT NULL, step_id text NOT NULL, table_name text NOT NULL, created"
              + " boolean NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY"
              + " (run_key, step_id, table_name))");
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + PROGRESS
              + " (run_key text NOT NULL, step_id text NOT NULL, table_name text NOT NULL, part int"
              + " NOT NULL, range_lo bigint, range_hi bigint, last_key text, rows bigint NOT NULL"
              + " DEFAULT 0, done boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL"
              + " DEFAULT now(), PRIMARY KEY (run_key, step_id, table_name, part))");
    }
  }

  /** Table name to "created by this copy", for the tables this run's step recorded. */
  static Map<String, Boolean> tables(Connection c, StepContext ctx) throws SQLException {
    Map<String, Boolean> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT table_name, created FROM "
                + TABLES
                + " WHERE run_key = ? AND step_id = ? ORDER BY recorded_at, table_name")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    return out;
  }

  static void recordTable(Connection c, StepContext ctx, String table, boolean created)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLES
                + " (run_key, step_id, table_name, created) VALUES (?, ?, ?, ?) ON CONFLICT DO"
                + " NOTHING")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      ps.setString(3, table);
      ps.setBoolean(4, created);
      ps.executeUpdate();
    }
  }

  static List<Part> parts(Connection c, StepContext ctx, String table) throws SQLException {
    List<Part> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT part, range_lo, range_hi, last_key, rows, done FROM "
                + PROGRESS
                + " WHERE run_key = ? AND step_id = ? AND table_name = ? ORDER BY part")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      ps.setString(3, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Part(
                  table,
                  rs.getInt(1),
                  (Long) rs.getObject(2),
                  (Long) rs.getObject(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getBoolean(6)));
        }
      }
    }
    return out;
  }

  static void insertPart(Connection c, StepContext ctx, Part p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + PROGRESS
                + " (run_key, step_id, table_name, part, range_lo, range_hi, last_key, rows, done)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      ps.setString(3, p.table());
      ps.setInt(4, p.part());
      ps.setObject(5, p.lo());
      ps.setObject(6, p.hi());
      ps.setString(7, p.lastKey());
      ps.setLong(8, p.rows());
      ps.setBoolean(9, p.done());
      ps.executeUpdate();
    }
  }

  /** Records a committed chunk; call inside the chunk's transaction. */
  static void advance(
      Connection c, StepContext ctx, Part p, String lastKey, long rows, boolean done)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + PROGRESS
                + " SET last_key = ?, rows = ?, done = ?, updated_at = now() WHERE run_key = ? AND"
                + " step_id = ? AND table_name = ? AND part = ?")) {
      ps.setString(1, lastKey);
      ps.setLong(2, rows);
      ps.setBoolean(3, done);
      ps.setString(4, ctx.runKey());
      ps.setString(5, ctx.stepId());
      ps.setString(6, p.table());
      ps.setInt(7, p.part());
      if (ps.executeUpdate() != 1) {
        throw new SQLException(
            "checkpoint row of " + p.table() + " part " + p.part() + " is missing");
      }
    }
  }

  static void forget(Connection c, StepContext ctx) throws SQLException {
    for (String t : List.of(PROGRESS, TABLES)) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + t + " WHERE run_key = ? AND step_id = ?")) {
        ps.setString(1, ctx.runKey());
        ps.setString(2, ctx.stepId());
        ps.executeUpdate();
      }
    }
  }

  static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, TABLES);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
