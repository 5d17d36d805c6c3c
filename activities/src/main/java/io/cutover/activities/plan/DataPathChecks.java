package io.cutover.activities.plan;

import io.cutover.activities.db.SqlNames;
import io.cutover.activities.support.PlanPaths;
import io.cutover.plan.Check;
import io.cutover.plan.ConfigStep;
import io.cutover.plan.CopyStep;
import io.cutover.plan.Database;
import io.cutover.plan.MaintenanceStep;
import io.cutover.plan.MigrateStep;
import io.cutover.plan.ParityCheck;
import io.cutover.plan.ParityLookupCheck;
import io.cutover.plan.ParitySliceCheck;
import io.cutover.plan.Plan;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Step;
import io.cutover.plan.ValidateStep;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/** Plan checks of the data-path steps: migrate, copy, config, maintenance, and parity checks. */
final class DataPathChecks {
  private static final Set<String> FORMATS =
      Set.of("env", "dotenv", "properties", "json", "yaml", "yml", "toml");

  private DataPathChecks() {}

  static void step(Plan plan, String baseDir, String ptr, Step s, BiConsumer<String, String> add) {
    if (s instanceof MigrateStep m) {
      if (!(db(plan, m.database()) instanceof PostgresDatabase)) {
        add.accept(
            ptr + "/database",
            "migrate runs against a PostgreSQL database; '" + m.database() + "' is not one");
      }
      if (!Files.isDirectory(PlanPaths.resolve(baseDir, m.dir()))) {
        add.accept(
            ptr + "/dir",
            "migrations folder not found: "
                + PlanPaths.resolve(baseDir, m.dir())
                + " (holding V1__name.sql, V2__…)");
      }
      identifier(ptr + "/historyTable", m.historyTable(), add);
    } else if (s instanceof CopyStep c) {
      if (!(db(plan, c.source()) instanceof SqliteDatabase)) {
        add.accept(
            ptr + "/source",
            "copy reads a SQLite database: '"
                + c.source()
                + "' is not one under resources.databases"
                + Suggest.didYouMean(c.source(), plan.resources().databases().keySet()));
      }
      if (!(db(plan, c.target()) instanceof PostgresDatabase)) {
        add.accept(
            ptr + "/target",
            "copy writes a PostgreSQL database: '"
                + c.target()
                + "' is not one under resources.databases");
      }
      for (int i = 0; i < c.tables().size(); i++) {
        identifier(ptr + "/tables/" + i, c.tables().get(i), add);
      }
      if (c.parallel() < 1 || c.parallel() > 16) {
        add.accept(ptr + "/parallel", "parallel is 1 to 16 streams (2 suits a 2-core machine)");
      }
      if (c.chunkRows() < 1) {
        add.accept(ptr + "/chunkRows", "chunkRows is at least 1 (default 50000)");
      }
    } else if (s instanceof ConfigStep c) {
      if (c.set().isEmpty()) {
        add.accept(ptr + "/set", "list the keys to set, e.g. {DatabaseProvider: Postgres}");
      }
      if (c.format() != null && !FORMATS.contains(c.format().toLowerCase(Locale.ROOT))) {
        add.accept(ptr + "/format", "format is one of env, properties, toml, json, yaml");
      }
      // The file may be created by an earlier step (a deployment); the step itself fails if it is
      // missing.
    } else if (s instanceof MaintenanceStep m) {
      if (!m.mode().equalsIgnoreCase("on") && !m.mode().equalsIgnoreCase("off")) {
        add.accept(ptr + "/mode", "mode is on or off");
      }
      int ways =
          (m.flag() != null ? 1 : 0) + (m.http() != null ? 1 : 0) + (m.command() != null ? 1 : 0);
      if (ways != 1) {
        add.accept(
            ptr,
            "say how to switch maintenance mode with exactly one of flag (a file), http or"
                + " command");
      }
      if (m.http() != null
          && !m.http().url().startsWith("http://")
          && !m.http().url().startsWith("https://")) {
        add.accept(ptr + "/http/url", "a URL starts with http:// or https://");
      }
      if (m.command() != null && (m.command().on().isEmpty() || m.command().off().isEmpty())) {
        add.accept(ptr + "/command", "give both on and off as argv lists");
      }
    } else if (s instanceof ValidateStep v) {
      List<Check> checks = v.checks();
      for (int i = 0; i < checks.size(); i++) {
        String p = ptr + "/checks/" + i;
        if (checks.get(i) instanceof ParityCheck pc) {
          if (db(plan, pc.against()) == null) {
            add.accept(
                p + "/against",
                "no database '"
                    + pc.against()
                    + "' under resources.databases"
                    + Suggest.didYouMean(pc.against(), plan.resources().databases().keySet()));
          } else if (pc.against().equals(v.database())) {
            add.accept(
                p + "/against",
                "a parity check compares two databases: 'against' must name the other one");
          }
        }
        if (checks.get(i) instanceof ParityLookupCheck l) {
          identifier(p + "/table", l.table(), add);
          identifier(p + "/key", l.key(), add);
        }
        if (checks.get(i) instanceof ParitySliceCheck sl) {
          identifier(p + "/table", sl.table(), add);
          sl.orderBy().forEach(o -> identifier(p + "/orderBy", o.trim().split("\\s+")[0], add));
        }
      }
    }
  }

  private static Database db(Plan plan, String name) {
    return name == null ? null : plan.resources().databases().get(name);
  }

  private static void identifier(String ptr, String name, BiConsumer<String, String> add) {
    if (name != null && !SqlNames.isValid(name)) {
      add.accept(
          ptr,
          "'" + name + "' is not a safe SQL name: use letters, digits and _; it is quoted for you");
    }
  }
}
