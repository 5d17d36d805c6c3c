package io.cutover.testing;

import io.cutover.testkit.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test JVM (started on first use, stopped at exit), and a
 * fresh database with its own password-protected owner for each test.
 */
public final class PgTesting {
  private static LocalPostgres server;
  private static final AtomicInteger NEXT = new AtomicInteger();

  private PgTesting() {}

  public static synchronized LocalPostgres server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("cutover-pg-test");
        server = LocalPostgres.start(dir, 0, Map.of("fsync", "off"));
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        server.close();
                      } catch (IOException ignored) {
                        // exiting
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** A new empty database owned by a new role; its password is only in the returned file. */
  public record Db(String name, String url, String user, Path passwordFile) {
    public Connection connect() throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", user);
      try {
        p.setProperty("password", Files.readString(passwordFile).trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return DriverManager.getConnection(url, p);
    }

    public String password() {
      try {
        return Files.readString(passwordFile).trim();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public long count(String table) throws SQLException {
      return Long.parseLong(scalar("SELECT COUNT(*) FROM " + table));
    }

    public String scalar(String sql) throws SQLException {
      try (Connection c = connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      }
    }

    public void execute(String sql) throws SQLException {
      try (Connection c = connect();
          Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }

    /** The YAML of a postgres resource for this database, password by file reference. */
    public String resourceYaml() {
      return "{type: postgres, url: \""
          + url
          + "\", user: "
          + user
          + ", password: \"${file:"
          + passwordFile
          + "}\"}";
    }
  }

  public static Db newDatabase() {
    LocalPostgres pg = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    try {
      Path pw = pg.ensureDatabase(name, name + "_owner");
      return new Db(name, pg.jdbcUrl(name), name + "_owner", pw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
