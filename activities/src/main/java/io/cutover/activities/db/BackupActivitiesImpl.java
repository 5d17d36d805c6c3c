package io.cutover.activities.db;

import io.cutover.activities.BackupActivities;
import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.RestoreRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.pg.PgBackup;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Parallel;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CountCheck;
import io.cutover.plan.Database;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqliteDatabase;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

public class BackupActivitiesImpl implements BackupActivities {
  @Override
  public BackupResult backup(BackupRequest request) {
    if (request.db().database() instanceof PostgresDatabase pg) {
      return postgres(request, pg);
    }
    StepContext ctx = request.context();
    SqliteDatabase db = sqlite(request.db().name(), request.db().database());
    try {
      try (Connection ignored = Connections.openSqlite(db, ctx.baseDir(), false)) {
        // Opening first proves the file exists (or creates it from createFrom).
      }
      Path source = Connections.sqlitePath(db, ctx.baseDir());
      String fileName = backupName(source, ctx);
      List<Path> copies = BackupCopies.paths(request, fileName);
      Path primary = copies.get(0);
      List<Evidence> evidence = new ArrayList<>();
      String sha = BackupCopies.verifiedChecksum(primary);
      boolean reused = sha != null;
      if (reused) {
        evidence.addAll(verifyCopy(primary, request));
      } else {
        Path partial = BackupCopies.partial(primary);
        SqliteBackup.Snapshot snap = SqliteBackup.snapshot(source, partial);
        sha = snap.sha256();
        evidence.add(
            Evidence.check(
                "quick_check of the snapshot",
                "ok",
                snap.quickCheck(),
                "ok".equals(snap.quickCheck())));
        finish(partial, primary, sha, sha, request, evidence);
      }
      for (Path copy : copies.subList(1, copies.size())) {
        if (sha.equals(BackupCopies.verifiedChecksum(copy))) {
          evidence.addAll(verifyCopy(copy, request));
        } else {
          Path partial = BackupCopies.partial(copy);
          Files.createDirectories(copy.toAbsolutePath().getParent());
          finish(partial, copy, sha, SafeFiles.copyAndHash(primary, partial), request, evidence);
        }
      }
      evidence.add(0, Evidence.info("sha256", sha));
      List<String> paths = copies.stream().map(Path::toString).toList();
      long bytes = Files.size(primary);
      StepOutcome out =
          new StepOutcome(
              "backup of '"
                  + request.db().name()
                  + "' ("
                  + bytes
                  + " bytes, sha256 "
                  + sha.substring(0, 12)
                  + "…) verified in "
                  + copies.size()
                  + " place(s)"
                  + (reused ? ", reused from an earlier attempt" : ""),
              evidence,
              paths);
      if (out.evidence().stream().anyMatch(Evidence::failed)) {
        throw Fail.of(
            FailureType.BACKUP_FAILED,
            "backup of '" + request.db().name() + "' did not verify",
            out);
      }
      return new BackupResult(request.db().name(), paths.get(0), sha, bytes, paths, out);
    } catch (ApplicationFailure e) {
      throw e;
    } catch (Exception e) {
      if (Connections.isCorrupt(e)) {
        throw Fail.of(
            FailureType.BAD_DATA,
            "database '"
                + request.db().name()
                + "' ("
                + Connections.sqlitePath(db, ctx.baseDir())
                + ") is damaged or not a SQLite database ("
                + e.getMessage()
                + "): nothing was changed; repair it or restore it"
                + " from a known-good backup before this cutover");
      }
      throw Fail.transientFault(
          "backup of '" + request.db().name() + "' failed: " + e.getMessage(), e);
    }
  }

  /**
   * Makes a written copy durable and proves it: its bytes hashed as they were written must match
   * the snapshot's, and it must reopen and answer the plan's verify checks (run while it is
   * fsynced). Only then is it renamed into place and sealed.
   */
  private static void finish(
      Path partial,
      Path copy,
      String expected,
      String written,
      BackupRequest request,
      List<Evidence> evidence)
      throws Exception {
    if (!BackupCopies.hashMatches(partial, copy, expected, written, evidence)) {
      return;
    }
    List<Object> results =
        Parallel.all(
            () -> {
              SafeFiles.fsync(partial);
              return null;
            },
            () -> verifyCopy(partial, request));
    @SuppressWarnings("unchecked")
    List<Evidence> checks = (List<Evidence>) results.get(1);
    evidence.addAll(checks);
    SafeFiles.move(partial, copy);
    BackupCopies.seal(copy, written);
  }

  /**
   * Reopens a copy: it must answer as a SQLite database, and the plan's verify checks run on it.
   */
  private static List<Evidence> verifyCopy(Path copy, BackupRequest request) throws SQLException {
    try (Connection c = Connections.openSqliteFile(copy, true)) {
      CheckRunner checks =
          new CheckRunner(c, Map.of())
              .runAll(
                  List.of(
                      new CountCheck(
                          "opens as a database (schema objects)",
                          null,
                          null,
                          "SELECT COUNT(*) FROM sqlite_master",
                          null,
                          1L,
                          null)));
      checks.runAll(request.step().verify());
      return checks.evidence().stream()
          .map(
              e ->
                  new Evidence(
                      BackupCopies.folder(copy) + ": " + e.name(),
                      e.expected(),
                      e.actual(),
                      e.ok()))
          .toList();
    }
  }

  private static BackupResult postgres(BackupRequest request, PostgresDatabase pg) {
    String name = request.db().name();
    try {
      return PgBackup.backup(request, pg);
    } catch (io.temporal.failure.ApplicationFailure e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The connection cannot be given to pg_dump, or no fitting pg_dump is on this worker.
      throw Fail.of(FailureType.BACKUP_FAILED, "backup of '" + name + "': " + e.getMessage());
    } catch (SQLException | IOException e) {
      throw Fail.transientFault("backup of '" + name + "' failed: " + e.getMessage(), e);
    }
  }

  /**
   * Restores from the first copy that still verifies: a copy that is missing, unreadable or whose
   * SHA-256 is not the recorded one is skipped for the next, and the outcome says which.
   */
  @Override
  public StepOutcome restore(RestoreRequest request) {
    String name = request.db().name();
    List<String> candidates = candidates(request);
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Path copy = Path.of(candidates.get(i));
      String where = "copy " + (i + 1) + " at " + copy;
      // SQLite's restore hashes the bytes as it copies them aside, so it checks the copy itself
      // (one read, not two); a dump is hashed here before pg_restore reads it.
      boolean dump = request.db().database() instanceof PostgresDatabase;
      String problem = dump ? problem(copy, request.sha256()) : readable(copy);
      if (problem != null) {
        skipped.add(where + ": " + problem);
        continue;
      }
      List<Evidence> evidence = new ArrayList<>();
      for (String s : skipped) {
        evidence.add(Evidence.info("skipped " + s.substring(0, s.indexOf(": ")), s));
      }
      String from =
          (skipped.isEmpty() ? "" : String.join("; ", skipped) + "; ") + "restored from " + where;
      try {
        if (request.db().database() instanceof PostgresDatabase pg) {
          evidence.addAll(PgBackup.restore(pg, request.context().baseDir(), copy));
          StepOutcome out =
              new StepOutcome(
                  "restored '" + name + "': " + from, evidence, List.of(copy.toString()));
          if (evidence.stream().anyMatch(Evidence::failed)) {
            throw Fail.of(
                FailureType.CHECK_FAILED,
                "restore of '"
                    + name
                    + "' from "
                    + copy
                    + " ran, but the database does not match the backup: see the evidence",
                out);
          }
          return out;
        }
        SqliteDatabase db = sqlite(name, request.db().database());
        Path target = Connections.sqlitePath(db, request.context().baseDir());
        // Always replace, even when the file already has the backup's bytes: a leftover WAL file
        // could still hold later changes, and restoring again is harmless.
        SqliteBackup.restore(copy, target, request.sha256());
        evidence.add(
            Evidence.check(
                "sha256 of " + target.getFileName(), request.sha256(), request.sha256(), true));
        return new StepOutcome(
            "restored '" + name + "' from " + copy + (skipped.isEmpty() ? "" : " (" + from + ")"),
            evidence,
            List.of(target.toString()));
      } catch (SqliteBackup.BackupMismatch e) {
        // Changed between the check and the copy: try the next one.
        skipped.add(where + ": " + e.getMessage());
      } catch (IOException | SQLException e) {
        throw Fail.transientFault("restore of '" + name + "' failed: " + e.getMessage(), e);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw Fail.of(FailureType.BACKUP_FAILED, "restore of '" + name + "': " + e.getMessage());
      }
    }
    throw Fail.of(
        FailureType.BACKUP_FAILED,
        "no copy of the backup of '"
            + name
            + "' verifies ("
            + String.join("; ", skipped)
            + "): nothing was restored");
  }

  /** The copies to try, in order: the request's path first, then every other copy, each once. */
  static List<String> candidates(RestoreRequest request) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(request.backupPath());
    if (request.copies() != null) {
      all.addAll(request.copies());
    }
    return List.copyOf(all);
  }

  /** Why a copy cannot be read, or null. */
  static String readable(Path copy) {
    if (!Files.exists(copy)) {
      return "missing";
    }
    return Files.isReadable(copy) ? null : "unreadable";
  }

  /** Why a copy cannot be restored from (missing, unreadable, wrong checksum), or null. */
  static String problem(Path copy, String sha256) {
    if (!Files.exists(copy)) {
      return "missing";
    }
    String actual;
    try {
      actual = SafeFiles.sha256(copy);
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
    if (!actual.equals(sha256)) {
      return "sha256 mismatch (expected " + sha256 + ", got " + actual + ")";
    }
    return null;
  }

  private static SqliteDatabase sqlite(String name, Database db) {
    if (db instanceof SqliteDatabase s) {
      return s;
    }
    throw Fail.of(
        FailureType.INVALID_PLAN,
        "database '" + name + "' is neither SQLite nor PostgreSQL: the backup step cannot take it");
  }

  /** {@code <stem>.<workflow id>.<run>.<step>.db}: the same name on every attempt of a run. */
  static String backupName(Path source, StepContext ctx) {
    String file = source.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return backupName(dot > 0 ? file.substring(0, dot) : file, ctx, ".db");
  }

  /** {@code <stem>.<workflow id>.<run>.<step><ext>}: the same name on every attempt of a run. */
  public static String backupName(String stem, StepContext ctx, String ext) {
    String run = ctx.runKey() == null ? "manual" : ctx.runKey();
    int slash = run.indexOf('/');
    String key =
        slash < 0
            ? run
            : run.substring(0, slash)
                + "."
                + run.substring(slash + 1, Math.min(run.length(), slash + 9));
    return (stem + "." + key + "." + ctx.stepId() + ext).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
