package io.cutover.activities.db;

import io.cutover.activities.DbRef;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.activities.support.TextFiles;
import io.cutover.api.FailureType;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/** Opens JDBC connections to the databases a plan names, resolving references on the worker. */
public final class Connections {
  private Connections() {}

  /** The SQLite file a database refers to, resolved against the plan's folder. */
  public static Path sqlitePath(SqliteDatabase db, String baseDir) {
    return PlanPaths.resolve(baseDir, db.path());
  }

  public static Connection open(DbRef ref, String baseDir) {
    try {
      if (ref.database() instanceof SqliteDatabase s) {
        return openSqlite(s, baseDir, false);
      }
      if (ref.database() instanceof PostgresDatabase p) {
        return openPostgres(p, baseDir);
      }
      throw Fail.of(
          FailureType.INVALID_PLAN, "database '" + ref.name() + "' has an unsupported type");
    } catch (SQLException e) {
      throw Fail.transientFault(
          "cannot connect to database '" + ref.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Opens a SQLite file that must exist: SQLite would otherwise create an empty database and a
   * cutover would run against nothing. A database with {@code createFrom} is created from its
   * script first if missing.
   */
  public static Connection openSqlite(SqliteDatabase db, String baseDir, boolean readOnly)
      throws SQLException {
    Path file = sqlitePath(db, baseDir);
    if (!Files.exists(file)) {
      if (db.createFrom() == null) {
        throw Fail.of(FailureType.NOT_FOUND, "SQLite database " + file + " does not exist");
      }
      createFrom(file, PlanPaths.resolve(baseDir, db.createFrom()));
    }
    return openSqliteFile(file, readOnly);
  }

  public static Connection openSqliteFile(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(15_000);
    config.setReadOnly(readOnly);
    return DriverManager.getConnection(
        "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
  }

  private static synchronized void createFrom(Path file, Path script) throws SQLException {
    if (Files.exists(file)) {
      return;
    }
    String sql;
    try {
      sql = TextFiles.readUtf8(script);
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw Fail.of(
          FailureType.NOT_FOUND, "cannot read createFrom script " + script + ": " + e.getMessage());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".creating");
    try {
      Files.deleteIfExists(tmp);
      try (Connection c = openSqliteFile(tmp, false)) {
        c.setAutoCommit(false);
        SqlScript.execute(c, sql);
        c.commit();
      }
      Files.move(tmp, file);
    } catch (IOException e) {
      throw Fail.transientFault("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  public static Connection openPostgres(PostgresDatabase db, String baseDir) throws SQLException {
    Properties props = new Properties();
    db.properties().forEach((k, v) -> props.setProperty(k, property(k, v, baseDir)));
    if (db.user() != null) {
      props.setProperty("user", Refs.resolve(db.user(), baseDir));
    }
    if (db.password() != null) {
      props.setProperty("password", Refs.resolve(db.password(), baseDir));
    }
    props.putIfAbsent("connectTimeout", "10");
    return DriverManager.getConnection(db.url(), props);
  }

  /** Driver properties that name a file: a relative path is read from the plan's folder. */
  private static final Set<String> FILE_PROPERTIES = Set.of("sslrootcert", "sslcert", "sslkey");

  /**
   * A driver property's value on this worker: references resolved, and a certificate or key file
   * given relative to the plan's folder made absolute (the driver and libpq would read it from the
   * worker's working directory instead).
   */
  public static String property(String key, String value, String baseDir) {
    String v = Refs.resolve(value, baseDir);
    if (FILE_PROPERTIES.contains(key) && baseDir != null && !v.isEmpty()) {
      Path path = Path.of(v);
      if (!path.isAbsolute()) {
        return Path.of(baseDir).resolve(path).normalize().toString();
      }
    }
    return v;
  }

  /**
   * True when SQLite says the file is damaged or is not a database (SQLITE_CORRUPT, SQLITE_NOTADB):
   * retrying cannot help, and nothing may be built on it.
   */
  public static boolean isCorrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        int primary = s.getErrorCode() & 0xff;
        String msg = String.valueOf(s.getMessage());
        if (primary == 11
            || primary == 26
            || msg.contains("SQLITE_CORRUPT")
            || msg.contains("SQLITE_NOTADB")
            || msg.contains("malformed")
            || msg.contains("not a database")) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the exception means the database was unreachable or busy, so a retry may help. */
  public static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (state != null
        && (state.startsWith("08")
            || state.startsWith("57P")
            || state.equals("40001")
            || state.equals("40P01"))) {
      return true;
    }
    String msg = String.valueOf(e.getMessage());
    return msg.contains("SQLITE_BUSY")
        || msg.contains("SQLITE_LOCKED")
        || msg.contains("database is locked");
  }
}
