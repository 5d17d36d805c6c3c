package io.cutover.activities.preview;

import io.cutover.activities.DbRef;
import io.cutover.activities.PreviewRequest;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.pg.SqliteSchema;
import io.cutover.activities.support.PlanPaths;
import io.cutover.api.Evidence;
import io.cutover.plan.BaselineStep;
import io.cutover.plan.Checkpoint;
import io.cutover.plan.ConfigStep;
import io.cutover.plan.CopyStep;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.MigrateStep;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.NotifyStep;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Previews of the steps that change PostgreSQL, files or the application's state, read-only. */
final class ChangePreviews {
  private ChangePreviews() {}

  static String copy(PreviewRequest r, CopyStep c, String base, List<Evidence> evidence) {
    StepPreviews.reachable(
        new DbRef(c.target(), r.resources().databases().get(c.target())), base, evidence);
    if (!(r.resources().databases().get(c.source()) instanceof SqliteDatabase src)) {
      return "would copy "
          + (c.tables().isEmpty() ? "every table" : String.join(", ", c.tables()))
          + " from '"
          + c.source()
          + "' to '"
          + c.target()
          + "'";
    }
    Path file = Connections.sqlitePath(src, base);
    if (!Files.exists(file)) {
      return "would copy from "
          + file
          + ", which does not exist yet (an earlier step creates it), into '"
          + c.target()
          + "'";
    }
    long total = 0;
    List<String> tables = new ArrayList<>();
    try (Connection db = Connections.openSqliteFile(file, true);
        Statement st = db.createStatement()) {
      List<String> names = new ArrayList<>(c.tables());
      if (names.isEmpty()) {
        names.addAll(SqliteSchema.userTables(db));
      }
      for (String t : names) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SqlNames.quote(t))) {
          long n = rs.next() ? rs.getLong(1) : 0;
          total += n;
          tables.add(t + " (" + n + ")");
        }
      }
    } catch (Exception e) {
      evidence.add(
          Evidence.check(
              "source " + c.source(), "readable", String.valueOf(e.getMessage()), false));
      return "would copy from '" + c.source() + "' into '" + c.target() + "'";
    }
    evidence.add(Evidence.info("tables and rows today", String.join(", ", tables)));
    return "would copy "
        + tables.size()
        + " table(s), "
        + total
        + " rows today, from '"
        + c.source()
        + "' into '"
        + c.target()
        + "' in foreign-key order";
  }

  private static List<String> scripts(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static String migrate(PreviewRequest r, MigrateStep m, String base, List<Evidence> evidence) {
    List<String> scripts = scripts(PlanPaths.resolve(base, m.dir()));
    StepPreviews.reachable(
        new DbRef(m.database(), r.resources().databases().get(m.database())), base, evidence);
    evidence.add(
        Evidence.info(
            "scripts in " + m.dir(),
            scripts.isEmpty() ? "none found" : String.join(", ", scripts)));
    return "would apply the missing ones of "
        + scripts.size()
        + " migration script(s) to '"
        + m.database()
        + "', recorded in "
        + (m.historyTable() == null ? "cutover_schema_history" : m.historyTable());
  }

  static String config(PreviewRequest r, ConfigStep c, String base, List<Evidence> evidence) {
    Path file = PlanPaths.resolve(base, c.file());
    evidence.add(
        Evidence.check(
            "file " + c.file(),
            "exists",
            Files.exists(file)
                ? "exists (" + PreviewActivitiesImpl.size(file) + " bytes)"
                : "missing",
            Files.exists(file)));
    List<String> keys = new ArrayList<>();
    c.set().forEach((k, v) -> keys.add(k + " = " + v));
    return "would set "
        + String.join(", ", keys)
        + " in "
        + c.file()
        + ", keeping the old file for the rollback";
  }

  static String maintenance(
      PreviewRequest r, MaintenanceStep m, String base, List<Evidence> evidence) {
    String how =
        m.flag() != null
            ? (m.on() ? "create the flag file " : "remove the flag file ") + m.flag()
            : m.http() != null
                ? "send " + m.http().method() + " " + m.http().url()
                : m.command() != null
                    ? "run " + String.join(" ", m.on() ? m.command().on() : m.command().off())
                    : "nothing";
    if (m.flag() != null) {
      evidence.add(
          Evidence.info(
              "flag " + m.flag() + " now",
              Files.exists(PlanPaths.resolve(base, m.flag())) ? "present" : "absent"));
    }
    return "would turn maintenance " + m.mode() + ": " + how;
  }

  static String monitor(PreviewRequest r, MonitorStep m, String base, List<Evidence> evidence) {
    for (Trigger t : m.triggers()) {
      evidence.add(
          Evidence.info(
              "trigger " + (t.name() == null ? t.when() : t.name()),
              t.when() + " → " + (t.action() == null ? "rollback" : t.action())));
    }
    for (Checkpoint c : m.checkpoints()) {
      evidence.add(
          Evidence.info(
              "checkpoint " + c.name(), "at " + c.at() + ": " + c.steps().size() + " step(s)"));
    }
    return "would watch "
        + String.join(", ", m.metrics().keySet())
        + " for "
        + m.window()
        + " every "
        + (m.interval() == null ? "10s" : m.interval())
        + ", "
        + m.triggers().size()
        + " trigger(s), "
        + m.checkpoints().size()
        + " checkpoint(s)";
  }

  static String baseline(PreviewRequest r, BaselineStep b, String base, List<Evidence> evidence) {
    return "would sample the metrics of monitor '"
        + b.monitor()
        + "' for "
        + (b.duration() == null ? "1m" : b.duration())
        + " before the switch";
  }

  static String notification(PreviewRequest r, NotifyStep n, String base, List<Evidence> evidence) {
    return "would post \""
        + n.message()
        + "\" to "
        + (n.url() == null ? "the plan's notify hooks" : n.url())
        + " (not sent in a dry run)";
  }
}
