package io.cutover.activities.db;

import io.cutover.activities.support.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/**
 * Consistent copies of a live SQLite database. A copy is complete only when its {@code .sha256}
 * sidecar exists and matches: the sidecar is written last, so a crash mid-copy leaves a copy
 * that the next attempt recognises as unfinished and makes again.
 */
public final class SqliteBackup {
  private SqliteBackup() {}

  /**
   * Copies the database with SQLite's online backup API in a single step, which holds a read
   * lock for the whole copy: the result is one consistent snapshot even while a writer commits.
   */
  public static void snapshot(Path source, Path target) throws SQLException, IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".partial");
    Files.deleteIfExists(tmp);
    try (Connection c = Connections.openSqliteFile(source, true)) {
      ((SQLiteConnection) c).getDatabase().backup("main", tmp.toString(), null, 100, 600, -1);
    }
    SafeFiles.fsync(tmp);
    SafeFiles.move(tmp, target);
  }

  /** The recorded checksum of a finished copy, or null if the copy is missing or unfinished. */
  public static String verifiedChecksum(Path copy) throws IOException {
    Path sidecar = sidecar(copy);
    if (!Files.exists(copy) || !Files.exists(sidecar)) {
      return null;
    }
    String recorded = Files.readString(sidecar, StandardCharsets.UTF_8).trim();
    return recorded.equals(SafeFiles.sha256(copy)) ? recorded : null;
  }

  /** Marks a copy finished by writing its checksum beside it. */
  public static void seal(Path copy, String sha256) throws IOException {
    SafeFiles.writeAtomically(sidecar(copy), sha256 + "\n");
  }

  /** Copies a finished copy to another place and checks the bytes arrived intact. */
  public static void replicate(Path from, Path to, String sha256) throws IOException {
    Files.createDirectories(to.toAbsolutePath().getParent());
    Path tmp = to.resolveSibling(to.getFileName() + ".partial");
    Files.copy(from, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    SafeFiles.fsync(tmp);
    String got = SafeFiles.sha256(tmp);
    if (!got.equals(sha256)) {
      Files.deleteIfExists(tmp);
      throw new IOException("copy to " + to + " has sha256 " + got + ", expected " + sha256);
    }
    SafeFiles.move(tmp, to);
    seal(to, sha256);
  }

  /**
   * Replaces {@code target} with {@code backup}: writes aside, fsyncs, renames over the file, and
   * removes the old file's WAL and shared-memory files, which belong to the content being
   * replaced. A crash leaves either the old file or the restored one.
   */
  public static void restore(Path backup, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".restoring");
    Files.copy(backup, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    SafeFiles.fsync(tmp);
    SafeFiles.move(tmp, target);
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
    }
  }

  static Path sidecar(Path copy) {
    return copy.resolveSibling(copy.getFileName() + ".sha256");
  }
}
