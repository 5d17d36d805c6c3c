package io.cutover.activities.pg;

import io.cutover.activities.db.Connections;
import io.cutover.activities.support.Refs;
import io.cutover.plan.PostgresDatabase;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How PostgreSQL's own programs (pg_dump, pg_restore, psql) reach a plan's database: the JDBC URL
 * and driver properties turned into libpq's environment variables, and the password in a temporary
 * pgpass file (mode 600, deleted on close), so it is never on a command line or in the workflow's
 * history.
 */
public final class PgClient implements AutoCloseable {
  /** Driver properties with a libpq equivalent, and that equivalent's environment variable. */
  public static final Map<String, String> LIBPQ =
      Map.of(
          "sslmode", "PGSSLMODE",
          "sslrootcert", "PGSSLROOTCERT",
          "sslcert", "PGSSLCERT",
          "sslkey", "PGSSLKEY",
          "connectTimeout", "PGCONNECT_TIMEOUT",
          "ApplicationName", "PGAPPNAME",
          "options", "PGOPTIONS",
          "gssEncMode", "PGGSSENCMODE");

  /** A parsed {@code jdbc:postgresql://host:port/database?params} URL. */
  public record Url(String host, int port, String database, Map<String, String> params) {}

  private final PostgresDatabase db;
  private final String baseDir;
  private final Url url;
  private final Map<String, String> env = new TreeMap<>();
  private final Path pgpass;

  private PgClient(PostgresDatabase db, String baseDir) throws IOException {
    this.db = db;
    this.baseDir = baseDir;
    this.url = parse(db.url());
    Map<String, String> props = new LinkedHashMap<>(url.params());
    db.properties().forEach((k, v) -> props.put(k, Connections.property(k, v, baseDir)));
    String user = db.user() == null ? props.remove("user") : Refs.resolve(db.user(), baseDir);
    String password =
        db.password() == null ? props.remove("password") : Refs.resolve(db.password(), baseDir);
    props.remove("user");
    props.remove("password");
    for (Map.Entry<String, String> p : props.entrySet()) {
      String var = LIBPQ.get(p.getKey());
      if (var == null) {
        throw new IllegalArgumentException(unsupported(p.getKey()));
      }
      env.put(var, p.getValue());
    }
    env.put("PGHOST", url.host());
    env.put("PGPORT", Integer.toString(url.port()));
    if (user != null) {
      env.put("PGUSER", user);
    }
    env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
    if (password != null) {
      pgpass = Files.createTempFile("cutover-pgpass", "");
      Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(pgpass, "*:*:*:*:" + escape(password) + "\n", StandardCharsets.UTF_8);
      env.put("PGPASSFILE", pgpass.toString());
    } else {
      pgpass = null;
    }
  }

  /** Opens the client environment for a database (resolves its references on this worker). */
  public static PgClient of(PostgresDatabase db, String baseDir) throws IOException {
    return new PgClient(db, baseDir);
  }

  /** The message for a driver property that pg_dump cannot be given. */
  public static String unsupported(String property) {
    return "driver property '"
        + property
        + "' has no equivalent in pg_dump/pg_restore (libpq), so the backup could not connect the"
        + " way the driver does: use only "
        + String.join(", ", new java.util.TreeSet<>(LIBPQ.keySet()))
        + " on a database that is backed up";
  }

  /** The database the URL names. */
  public String database() {
    return url.database();
  }

  public Url url() {
    return url;
  }

  /** libpq's environment for the plan's database, or {@code database} on the same server. */
  public Map<String, String> env(String database) {
    Map<String, String> out = new TreeMap<>(env);
    out.put("PGDATABASE", database);
    return out;
  }

  /** A JDBC connection to the plan's database. */
  public Connection connect() throws SQLException {
    return Connections.openPostgres(db, baseDir);
  }

  /** A JDBC connection, with the plan's credentials, to another database of the same server. */
  public Connection connect(String database) throws SQLException {
    String jdbc =
        "jdbc:postgresql://"
            + (url.host().contains(":") ? "[" + url.host() + "]" : url.host())
            + ":"
            + url.port()
            + "/"
            + database;
    String query = db.url().indexOf('?') < 0 ? "" : db.url().substring(db.url().indexOf('?'));
    PostgresDatabase other =
        new PostgresDatabase(
            jdbc + query, db.user(), db.password(), db.properties(), List.of(), null, db.binDir());
    return Connections.openPostgres(other, baseDir);
  }

  @Override
  public void close() throws IOException {
    if (pgpass != null) {
      Files.deleteIfExists(pgpass);
    }
  }

  /**
   * Parses a JDBC URL with one host; a URL naming several hosts (failover) is refused, since
   * pg_dump must read exactly one server.
   */
  public static Url parse(String jdbcUrl) {
    String prefix = "jdbc:postgresql:";
    if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
      throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + jdbcUrl);
    }
    String rest = jdbcUrl.substring(prefix.length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String host = "localhost";
    int port = 5432;
    String database;
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      database = slash < 0 ? "" : rest.substring(slash + 1);
      if (authority.contains(",")) {
        throw new IllegalArgumentException(
            "the URL names several hosts ("
                + authority
                + "): a backup reads one server, so name the primary only");
      }
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        host = authority.substring(1, close);
        String after = authority.substring(close + 1);
        if (after.startsWith(":")) {
          port = Integer.parseInt(after.substring(1));
        }
      } else if (!authority.isEmpty()) {
        int colon = authority.lastIndexOf(':');
        host = colon < 0 ? authority : authority.substring(0, colon);
        if (colon >= 0) {
          port = Integer.parseInt(authority.substring(colon + 1));
        }
      }
    } else {
      database = rest;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String kv : query.split("&")) {
      if (kv.isEmpty()) {
        continue;
      }
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(k, v);
    }
    database = URLDecoder.decode(database, StandardCharsets.UTF_8);
    if (database.isEmpty()) {
      throw new IllegalArgumentException("the URL names no database: " + jdbcUrl);
    }
    return new Url(host, port, database, params);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace(":", "\\:");
  }
}
