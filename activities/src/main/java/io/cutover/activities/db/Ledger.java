package io.cutover.activities.db;

import io.cutover.activities.StepContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The record, inside the changed database itself, of which data steps this run applied. An entry is
 * written in the same transaction as the change, so "applied" and "recorded" can never disagree: a
 * retried activity that finds its entry returns without changing anything.
 */
public final class Ledger {
  public static final String TABLE = "cutover_ledger";

  private Ledger() {}

  public static void ensure(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (run_key TEXT NOT NULL, step_id TEXT NOT NULL,"
              + " action TEXT NOT NULL, applied_at TEXT NOT NULL, summary TEXT,"
              + " PRIMARY KEY (run_key, step_id, action))");
    }
  }

  /** The summary recorded when this step's action was applied in this run, or null. */
  public static String find(Connection c, StepContext ctx, String action) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT summary FROM " + TABLE + " WHERE run_key = ? AND step_id = ? AND action = ?")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      ps.setString(3, action);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public static void record(Connection c, StepContext ctx, String action, String summary)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (run_key, step_id, action, applied_at, summary) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, ctx.runKey());
      ps.setString(2, ctx.stepId());
      ps.setString(3, action);
      ps.setString(4, Instant.now().toString());
      ps.setString(5, summary);
      ps.executeUpdate();
    }
  }
}
