package io.cutover.activities.pg;

import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.db.BackupActivitiesImpl;
import io.cutover.activities.db.BackupCopies;
import io.cutover.activities.db.CheckRunner;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CountCheck;
import io.cutover.plan.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backup step on PostgreSQL: {@code pg_dump -Fc} of the server's own major version (or newer)
 * into the first destination as a {@code .partial}, SHA-256, every copy proven before it is renamed
 * into place and sealed with its {@code .sha256} file (as SQLite copies are): {@code pg_restore
 * --list} reads it, and it is restored into a scratch database (dropped afterwards, also on
 * failure) where the step's {@code verify} checks run. A rerun reuses a sealed copy whose bytes
 * still have the recorded checksum, after verifying it again.
 */
public final class PgBackup {
  private PgBackup() {}

  public static BackupResult backup(BackupRequest request, PostgresDatabase db)
      throws IOException, SQLException {
    String base = request.context().baseDir();
    try (PgClient client = PgClient.of(db, base)) {
      int server = serverVersion(client);
      PgTools.Tools tools = PgTools.find(db.binDir(), base, server);
      String fileName =
          BackupActivitiesImpl.backupName(client.database(), request.context(), ".dump");
      List<Path> copies = BackupCopies.paths(request, fileName);
      Path primary = copies.get(0);
      List<Evidence> evidence = new ArrayList<>();
      evidence.add(
          Evidence.info(
              "pg_dump", tools.pgDump() + " (" + tools.version() + ") for server " + server));
      String sha = BackupCopies.verifiedChecksum(primary);
      boolean reused = sha != null;
      if (reused) {
        evidence.addAll(verify(client, tools, primary, request));
      } else {
        Path partial = BackupCopies.partial(primary);
        Files.createDirectories(primary.toAbsolutePath().getParent());
        Files.deleteIfExists(partial);
        PgProcess.run(
            List.of(
                tools.pgDump().toString(),
                "--format=custom",
                "--no-password",
                "--file=" + partial,
                "--dbname=" + client.database()),
            client.env(client.database()),
            "pg_dump of " + client.database(),
            partial);
        SafeFiles.fsync(partial);
        sha = SafeFiles.sha256(partial);
        finish(client, tools, partial, primary, sha, sha, request, evidence);
      }
      failIfUnverified(request, evidence);
      for (Path copy : copies.subList(1, copies.size())) {
        if (sha.equals(BackupCopies.verifiedChecksum(copy))) {
          evidence.addAll(verify(client, tools, copy, request));
        } else {
          Path partial = BackupCopies.partial(copy);
          Files.createDirectories(copy.toAbsolutePath().getParent());
          String written = SafeFiles.copyAndHash(primary, partial);
          SafeFiles.fsync(partial);
          finish(client, tools, partial, copy, sha, written, request, evidence);
        }
      }
      evidence.add(0, Evidence.info("sha256", sha));
      List<String> paths = copies.stream().map(Path::toString).toList();
      failIfUnverified(request, evidence);
      long bytes = Files.size(primary);
      StepOutcome out =
          new StepOutcome(
              "pg_dump of '"
                  + request.db().name()
                  + "' ("
                  + bytes
                  + " bytes, sha256 "
                  + sha.substring(0, 12)
                  + "…) verified in "
                  + copies.size()
                  + " place(s) by restoring it into a scratch database"
                  + (reused ? ", reused from an earlier attempt" : ""),
              evidence,
              paths);
      return new BackupResult(request.db().name(), paths.get(0), sha, bytes, paths, out);
    }
  }

  /**
   * Restores the database in place from a dump whose checksum the caller checked, and proves it by
   * parity with the same dump restored into a scratch database ({@link PgRestore}).
   */
  public static List<Evidence> restore(PostgresDatabase db, String baseDir, Path dump)
      throws IOException, SQLException {
    try (PgClient client = PgClient.of(db, baseDir)) {
      PgTools.Tools tools = PgTools.find(db.binDir(), baseDir, serverVersion(client));
      List<Evidence> out = new ArrayList<>();
      out.add(Evidence.info("pg_restore", tools.pgRestore() + " (" + tools.version() + ")"));
      out.addAll(PgRestore.restore(client, tools, dump));
      return out;
    }
  }

  /** Fails the step, with every failed check, when any copy did not verify. */
  private static void failIfUnverified(BackupRequest request, List<Evidence> evidence) {
    List<String> failed =
        evidence.stream()
            .filter(Evidence::failed)
            .map(e -> e.name() + ": expected " + e.expected() + ", got " + e.actual())
            .toList();
    if (!failed.isEmpty()) {
      throw Fail.of(
          FailureType.BACKUP_FAILED,
          "backup of '"
              + request.db().name()
              + "' did not verify ("
              + String.join("; ", failed)
              + "): no copy was sealed",
          new StepOutcome("backup did not verify", evidence, List.of()));
    }
  }

  /**
   * For preflight: why this worker could not back the database up (no fitting pg_dump, a connection
   * pg_dump cannot be given), or null. A server that does not answer is reported by the database
   * check itself.
   */
  public static String toolsProblem(PostgresDatabase db, String baseDir) {
    try (PgClient client = PgClient.of(db, baseDir)) {
      PgTools.find(db.binDir(), baseDir, serverVersion(client));
      return null;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return "the backup step cannot run here: " + e.getMessage();
    } catch (SQLException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code SHOW server_version_num}, e.g. 160010. */
  static int serverVersion(PgClient client) throws SQLException {
    try (Connection c = client.connect();
        var st = c.createStatement();
        var rs = st.executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(rs.getString(1).trim());
    }
  }

  /**
   * Proves a written copy (its hash as written must be the dump's; it must list and restore) and
   * only then renames it into place and seals it.
   */
  private static void finish(
      PgClient client,
      PgTools.Tools tools,
      Path partial,
      Path copy,
      String expected,
      String written,
      BackupRequest request,
      List<Evidence> evidence)
      throws IOException, SQLException {
    if (!BackupCopies.hashMatches(partial, copy, expected, written, evidence)) {
      return;
    }
    List<Evidence> checks = verify(client, tools, partial, request);
    evidence.addAll(checks);
    if (checks.stream().anyMatch(Evidence::failed)) {
      return; // left as .partial: never sealed, never reused
    }
    SafeFiles.move(partial, copy);
    BackupCopies.seal(copy, written);
  }

  /**
   * Reads a dump back: {@code pg_restore --list} must read its table of contents, and a restore
   * into a scratch database must load; the plan's verify checks then run there.
   */
  static List<Evidence> verify(
      PgClient client, PgTools.Tools tools, Path dump, BackupRequest request)
      throws IOException, SQLException {
    String where = BackupCopies.folder(dump);
    List<Evidence> out = new ArrayList<>();
    String list =
        PgProcess.run(
            List.of(tools.pgRestore().toString(), "--list", dump.toString()),
            Map.of(),
            "pg_restore --list of " + dump.getFileName(),
            null);
    long entries = list.lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
    out.add(Evidence.check(where + ": pg_restore --list", "readable", entries + " entries", true));
    String scratchName;
    try (PgScratch scratch = PgScratch.create(client)) {
      scratchName = scratch.name();
      try {
        scratch.restore(tools, dump);
      } catch (PgProcess.Failed e) {
        out.add(
            Evidence.check(
                where + ": restores into a scratch database", "loads", e.getMessage(), false));
        return out;
      }
      try (Connection c = scratch.connect()) {
        CheckRunner checks =
            new CheckRunner(c, Map.of())
                .runAll(
                    List.of(
                        new CountCheck(
                            "restores into a scratch database (tables)",
                            null,
                            null,
                            "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                                + " c.relnamespace WHERE c.relkind IN ('r','p') AND n.nspname NOT"
                                + " IN ('pg_catalog','information_schema')",
                            null,
                            1L,
                            null)));
        checks.runAll(request.step().verify());
        for (Evidence e : checks.evidence()) {
          out.add(new Evidence(where + ": " + e.name(), e.expected(), e.actual(), e.ok()));
        }
      }
    }
    out.add(
        Evidence.info(where + ": scratch database", scratchName + " restored, checked, dropped"));
    return out;
  }
}
