package io.cutover.activities.db;

import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.plan.SqliteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A SQLite file on disk for activity tests. */
final class DbFixture {
  final Path dir;
  final Path file;
  final DbRef ref;

  DbFixture(Path dir, String... protectedTables) throws SQLException {
    this.dir = dir;
    this.file = dir.resolve("app.db");
    this.ref = new DbRef("app", new SqliteDatabase("app.db", List.of(protectedTables), null));
    exec(
        "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL,"
            + " active INTEGER, born TEXT)");
    exec("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, line TEXT)");
    exec("INSERT INTO audit (line) VALUES ('created'), ('checked')");
  }

  StepContext ctx(String step) {
    return new StepContext("wf-test/run-1", step, dir.toString(), false);
  }

  void exec(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  long count(String table) throws SQLException {
    return Long.parseLong(scalar("SELECT COUNT(*) FROM " + table));
  }

  String scalar(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
