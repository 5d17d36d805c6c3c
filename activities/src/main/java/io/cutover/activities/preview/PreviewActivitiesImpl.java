package io.cutover.activities.preview;

import io.cutover.activities.DbRef;
import io.cutover.activities.PreviewActivities;
import io.cutover.activities.PreviewRequest;
import io.cutover.activities.ScratchRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqliteBackup;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.SqliteDatabase;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public class PreviewActivitiesImpl implements PreviewActivities {
  @Override
  public DbRef prepareScratch(ScratchRequest request) {
    if (!(request.db().database() instanceof SqliteDatabase db)) {
      return request.db();
    }
    Path source = Connections.sqlitePath(db, request.context().baseDir());
    Path scratch = scratchDir(request.context().runKey()).resolve(request.db().name() + ".db");
    try {
      Files.createDirectories(scratch.getParent());
      if (Files.exists(source)) {
        SqliteBackup.snapshot(source, scratch);
      } else {
        Files.deleteIfExists(scratch);
        // Created from its fixture in the scratch folder: the real file is not created.
        SqliteDatabase fresh =
            new SqliteDatabase(
                scratch.toString(),
                db.protectedTables(),
                db.createFrom() == null
                    ? null
                    : PlanPaths.resolve(request.context().baseDir(), db.createFrom()).toString());
        try (Connection ignored =
            Connections.openSqlite(fresh, request.context().baseDir(), false)) {
          // opening creates it from createFrom, or fails with NOT_FOUND
        }
      }
      return new DbRef(
          request.db().name(), new SqliteDatabase(scratch.toString(), db.protectedTables(), null));
    } catch (ApplicationFailure e) {
      throw e;
    } catch (Exception e) {
      throw Fail.transientFault(
          "cannot make a scratch copy of '" + request.db().name() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void dropScratch(StepContext context) {
    Path dir = scratchDir(context.runKey());
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw Fail.transientFault(
          "cannot delete the dry run's scratch folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The run's scratch folder: under the system temporary directory, never beside the plan. */
  public static Path scratchDir(String runKey) {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "cutover-dry-run",
        runKey.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  @Override
  public StepOutcome preview(PreviewRequest request) {
    List<Evidence> evidence = new ArrayList<>();
    String summary = StepPreviewers.describe(request, evidence);
    return new StepOutcome("[dry run] " + summary, evidence, List.of());
  }

  static boolean onPath(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
