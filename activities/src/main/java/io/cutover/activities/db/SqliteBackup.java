package io.cutover.activities.db;

import io.cutover.activities.support.Parallel;
import io.cutover.activities.support.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.sqlite.SQLiteConnection;

/**
 * Consistent copies of a live SQLite database. A copy is complete only when its {@code .sha256}
 * sidecar exists and matches: the sidecar is written last, so a crash mid-copy leaves a copy that
 * the next attempt recognises as unfinished and makes again.
 */
public final class SqliteBackup {
  private SqliteBackup() {}

  /** A consistent copy: the SHA-256 of its bytes and SQLite's quick_check of that same snapshot. */
  public record Snapshot(String sha256, String quickCheck) {}

  /**
   * Copies the database into {@code partial} as one consistent snapshot. In rollback-journal mode a
   * read transaction holds SQLite's shared lock, so no writer can commit while the file is read
   * once — hashed and written in one pass — and, side by side on the same snapshot, SQLite checks
   * every page ({@code quick_check}); the copy has exactly the bytes checked. In WAL mode recent
   * commits live in the WAL file, so SQLite's online backup API copies instead, and the copy is
   * hashed and checked afterwards.
   */
  public static Snapshot snapshot(Path source, Path partial) throws Exception {
    Files.createDirectories(partial.toAbsolutePath().getParent());
    Files.deleteIfExists(partial);
    try (Connection c = Connections.openSqliteFile(source, true)) {
      if ("wal".equals(journalMode(c))) {
        ((SQLiteConnection) c).getDatabase().backup("main", partial.toString(), null, 100, 600, -1);
        try (Connection copy = Connections.openSqliteFile(partial, true)) {
          return new Snapshot(SafeFiles.sha256(partial), quickCheck(copy));
        }
      }
      c.setAutoCommit(false);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
        rs.next(); // the shared lock is now held until the transaction ends
        List<String> r =
            Parallel.all(() -> SafeFiles.copyAndHash(source, partial), () -> quickCheck(c));
        return new Snapshot(r.get(0), r.get(1));
      } finally {
        c.rollback();
      }
    }
  }

  static String quickCheck(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    }
  }

  static String journalMode(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      return rs.next() ? rs.getString(1).toLowerCase(Locale.ROOT) : "";
    }
  }

  /**
   * Replaces {@code target} with {@code backup}: copies it aside hashing the bytes as they are
   * written, refuses it unless they match {@code sha256}, fsyncs, renames it over the file, and
   * removes the old file's WAL and shared-memory files, which belong to the content being replaced.
   * A crash leaves either the old file or the restored one; a backup that does not match {@code
   * sha256} is never used.
   */
  public static void restore(Path backup, Path target, String sha256) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".restoring");
    try {
      String copied = SafeFiles.copyAndHash(backup, tmp);
      if (!sha256.equals(copied)) {
        throw new BackupMismatch("sha256 mismatch (expected " + sha256 + ", got " + copied + ")");
      }
      SafeFiles.fsync(tmp);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    // The old file's WAL or hot journal must never be applied to the restored content.
    deleteSideFiles(target);
    SafeFiles.move(tmp, target);
    deleteSideFiles(target);
  }

  private static void deleteSideFiles(Path db) throws IOException {
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
    }
  }

  /** The backup on disk is not the backup that was verified: never restore from it. */
  public static final class BackupMismatch extends IOException {
    public BackupMismatch(String message) {
      super(message);
    }
  }
}
