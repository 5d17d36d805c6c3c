package io.cutover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL client programs of a major version at least the test server's (16): the tests'
 * embedded server ships no pg_dump and Debian 12's is 15, so {@code tools/install-pg-client} puts
 * PostgreSQL 17's in {@code .tools/pg/bin} (run by {@code tools/install-test-tools}; run here when
 * missing).
 */
public final class PgClientTools {
  private PgClientTools() {}

  public static synchronized Path binDir() {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("tools/install-pg-client"))) {
      root = root.getParent();
    }
    if (root == null) {
      throw new IllegalStateException("tools/install-pg-client not found above the working folder");
    }
    Path bin = root.resolve(".tools/pg/bin");
    if (!Files.isExecutable(bin.resolve("pg_dump"))) {
      try {
        Process p =
            new ProcessBuilder(root.resolve("tools/install-pg-client").toString())
                .inheritIO()
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new IllegalStateException("tools/install-pg-client failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return bin;
  }

  /** A fresh test database whose owner may create (scratch) databases, as backups need. */
  public static PgTesting.Db newDatabaseWithCreatedb() throws SQLException {
    PgTesting.Db db = PgTesting.newDatabase();
    try (Connection c = PgTesting.server().superuser("postgres");
        Statement st = c.createStatement()) {
      st.execute("ALTER ROLE " + db.user() + " CREATEDB");
    }
    return db;
  }

  /** Scratch databases left on the test server (none, once every backup and restore ended). */
  public static long scratchDatabases() throws SQLException {
    try (Connection c = PgTesting.server().superuser("postgres");
        Statement st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'cutover\\_scratch\\_%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
