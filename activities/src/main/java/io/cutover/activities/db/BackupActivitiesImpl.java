package io.cutover.activities.db;

import io.cutover.activities.BackupActivities;
import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.RestoreRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class BackupActivitiesImpl implements BackupActivities {
  @Override
  public BackupResult backup(BackupRequest request) {
    StepContext ctx = request.context();
    SqliteDatabase db = sqlite(request.db().name(), request.db().database());
    try {
      try (Connection ignored = Connections.openSqlite(db, ctx.baseDir(), false)) {
        // Opening first proves the file exists (or creates it from createFrom).
      }
      Path source = Connections.sqlitePath(db, ctx.baseDir());
      String fileName = backupName(source, ctx);
      List<Path> copies = new ArrayList<>();
      for (String dest : request.step().destinations()) {
        copies.add(PlanPaths.resolve(ctx.baseDir(), dest).resolve(fileName));
      }
      Path primary = copies.get(0);
      String sha = SqliteBackup.verifiedChecksum(primary);
      boolean reused = sha != null;
      if (!reused) {
        SqliteBackup.snapshot(source, primary);
        sha = SafeFiles.sha256(primary);
        SqliteBackup.seal(primary, sha);
      }
      List<Evidence> evidence = new ArrayList<>();
      evidence.add(Evidence.info("sha256", sha));
      for (Path copy : copies.subList(1, copies.size())) {
        if (!sha.equals(SqliteBackup.verifiedChecksum(copy))) {
          SqliteBackup.replicate(primary, copy, sha);
        }
      }
      for (Path copy : copies) {
        evidence.add(Evidence.check("copy " + copy + " sha256", sha.substring(0, 12), SafeFiles.sha256(copy).substring(0, 12),
            sha.equals(SafeFiles.sha256(copy))));
        evidence.addAll(verifyCopy(copy, request));
      }
      List<String> paths = copies.stream().map(Path::toString).toList();
      long bytes = Files.size(primary);
      StepOutcome out = new StepOutcome(
          "backup of '" + request.db().name() + "' (" + bytes + " bytes, sha256 " + sha.substring(0, 12) + "…) verified in "
              + copies.size() + " place(s)" + (reused ? ", reused from an earlier attempt" : ""),
          evidence, paths);
      if (out.evidence().stream().anyMatch(Evidence::failed)) {
        throw Fail.of(FailureType.BACKUP_FAILED, "backup of '" + request.db().name() + "' did not verify", out);
      }
      return new BackupResult(request.db().name(), paths.get(0), sha, bytes, paths, out);
    } catch (IOException | SQLException e) {
      throw Fail.transientFault("backup of '" + request.db().name() + "' failed: " + e.getMessage(), e);
    }
  }

  private static List<Evidence> verifyCopy(Path copy, BackupRequest request) throws SQLException {
    try (Connection c = Connections.openSqliteFile(copy, true)) {
      CheckRunner checks = new CheckRunner(c, Map.of()).runAll(List.of(new io.cutover.plan.IntegrityCheck("readable copy", false)));
      checks.runAll(request.step().verify());
      return checks.evidence().stream()
          .map(e -> new Evidence(copy.getParent().getFileName() + ": " + e.name(), e.expected(), e.actual(), e.ok()))
          .toList();
    }
  }

  @Override
  public StepOutcome restore(RestoreRequest request) {
    SqliteDatabase db = sqlite(request.db().name(), request.db().database());
    Path target = Connections.sqlitePath(db, request.context().baseDir());
    Path backup = Path.of(request.backupPath());
    try {
      if (!Files.exists(backup) || !request.sha256().equals(SafeFiles.sha256(backup))) {
        throw Fail.of(FailureType.BACKUP_FAILED,
            "backup " + backup + " is missing or no longer has sha256 " + request.sha256() + ": it cannot be restored");
      }
      // Always replace, even when the file already has the backup's bytes: a leftover WAL file
      // could still hold later changes, and restoring again is harmless.
      SqliteBackup.restore(backup, target);
      String now = SafeFiles.sha256(target);
      if (!now.equals(request.sha256())) {
        throw Fail.transientFault("restored " + target + " has sha256 " + now + ", expected " + request.sha256(), null);
      }
      return new StepOutcome(
          "restored '" + request.db().name() + "' from " + backup,
          List.of(Evidence.check("sha256 of " + target.getFileName(), request.sha256(), now, true)),
          List.of(target.toString()));
    } catch (IOException e) {
      throw Fail.transientFault("restore of '" + request.db().name() + "' failed: " + e.getMessage(), e);
    }
  }

  private static SqliteDatabase sqlite(String name, io.cutover.plan.Database db) {
    if (db instanceof SqliteDatabase s) {
      return s;
    }
    throw Fail.of(FailureType.INVALID_PLAN,
        "database '" + name + "' is not SQLite: the backup step takes SQLite files; back up PostgreSQL with a command step (pg_dump)");
  }

  /** {@code <stem>.<workflow id>.<run>.<step>.db}: the same name on every attempt of a run. */
  static String backupName(Path source, StepContext ctx) {
    String file = source.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    String run = ctx.runKey() == null ? "manual" : ctx.runKey();
    int slash = run.indexOf('/');
    String key = slash < 0 ? run : run.substring(0, slash) + "." + run.substring(slash + 1, Math.min(run.length(), slash + 9));
    return (stem + "." + key + "." + ctx.stepId() + ".db").replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
