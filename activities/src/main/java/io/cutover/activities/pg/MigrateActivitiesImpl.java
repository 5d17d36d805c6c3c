package io.cutover.activities.pg;

import io.cutover.activities.MigrateActivities;
import io.cutover.activities.MigrateRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.db.SqlScript;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.MigrateStep;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public class MigrateActivitiesImpl implements MigrateActivities {
  /** Kinds of objects a migration may create, in the order their undo drops them. */
  private static final String OBJECTS =
      "SELECT c.relkind::text, format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN"
          + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog',"
          + " 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i',"
          + " 'f') UNION ALL SELECT 'T', format('%I.%I', n.nspname, t.typname) FROM pg_type t JOIN"
          + " pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog',"
          + " 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd')";

  @Override
  public StepOutcome migrate(MigrateRequest request) {
    MigrateStep step = request.step();
    StepContext ctx = request.context();
    List<Migrations.Script> scripts = Migrations.scan(PlanPaths.resolve(ctx.baseDir(), step.dir()));
    String history = SqlNames.quote(step.historyTable());
    List<Evidence> evidence = new ArrayList<>();
    try (Connection c = Connections.open(request.db(), ctx.baseDir())) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(hashtext(" + literal(step.historyTable()) + "))");
        st.execute(
            "CREATE TABLE IF NOT EXISTS "
                + history
                + " (version int PRIMARY KEY, description text NOT NULL, script text NOT NULL,"
                + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
                + " execution_ms bigint NOT NULL, run_key text, step_id text, created_objects"
                + " text)");
      }
      c.commit();
      Map<Integer, String[]> applied = applied(c, history);
      for (Migrations.Script s : scripts) {
        String[] row = applied.get(s.version());
        if (row != null && !row[0].equals(s.checksum())) {
          throw Fail.of(
              FailureType.SCRIPT_CHANGED,
              s.file()
                  + " was applied to '"
                  + request.db().name()
                  + "' on "
                  + row[2]
                  + " with checksum "
                  + row[0].substring(0, 12)
                  + "…, but the file now has checksum "
                  + s.checksum().substring(0, 12)
                  + "…: an applied migration must not be edited. Put the file back as it was and"
                  + " add the change as a new version");
        }
      }
      int ran = 0;
      for (Migrations.Script s : scripts) {
        if (applied.containsKey(s.version())) {
          evidence.add(Evidence.info("V" + s.version() + " " + s.description(), "already applied"));
          continue;
        }
        try (Statement st = c.createStatement()) {
          st.execute(
              "SELECT pg_advisory_xact_lock(hashtext(" + literal(step.historyTable()) + "))");
        }
        if (applied(c, history).containsKey(s.version())) {
          c.rollback();
          continue;
        }
        Set<String> before = objects(c);
        long t0 = System.nanoTime();
        try {
          SqlScript.execute(c, s.sql());
        } catch (SQLException e) {
          c.rollback();
          if (Connections.isTransient(e)) {
            throw e;
          }
          throw Fail.of(
              FailureType.BAD_DATA,
              s.file() + " failed and was rolled back (nothing of it applied): " + e.getMessage());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Set<String> created = objects(c);
        created.removeAll(before);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + history
                    + " (version, description, script, checksum, execution_ms, run_key, step_id,"
                    + " created_objects) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setInt(1, s.version());
          ps.setString(2, s.description());
          ps.setString(3, s.file());
          ps.setString(4, s.checksum());
          ps.setLong(5, ms);
          ps.setString(6, ctx.runKey());
          ps.setString(7, ctx.stepId());
          ps.setString(8, String.join("\n", created));
          ps.executeUpdate();
        }
        c.commit();
        ran++;
        evidence.add(
            Evidence.info(
                "V" + s.version() + " " + s.description(),
                "applied in "
                    + ms
                    + " ms, checksum "
                    + s.checksum().substring(0, 12)
                    + "…, created "
                    + created.size()
                    + " object(s)"));
      }
      Map<Integer, String[]> now = applied(c, history);
      List<Integer> expected =
          step.expect().isEmpty()
              ? scripts.stream().map(Migrations.Script::version).toList()
              : step.expect();
      List<Integer> missing = expected.stream().filter(v -> !now.containsKey(v)).toList();
      evidence.add(
          Evidence.check(
              "history " + step.historyTable() + " lists the expected versions",
              expected,
              now.keySet(),
              missing.isEmpty()));
      c.commit();
      StepOutcome out =
          new StepOutcome(
              "applied "
                  + ran
                  + " of "
                  + scripts.size()
                  + " migration(s) to '"
                  + request.db().name()
                  + "'; history has "
                  + now.size(),
              evidence,
              List.of());
      if (!missing.isEmpty()) {
        throw Fail.of(
            FailureType.CHECK_FAILED,
            "migration history of '" + request.db().name() + "' lacks versions " + missing,
            out);
      }
      return out;
    } catch (SQLException e) {
      throw Fail.transientFault("migrate '" + request.db().name() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public StepOutcome undoMigrate(MigrateRequest request) {
    MigrateStep step = request.step();
    StepContext ctx = request.context();
    List<Migrations.Script> scripts = Migrations.scan(PlanPaths.resolve(ctx.baseDir(), step.dir()));
    Map<Integer, Migrations.Script> byVersion = new LinkedHashMap<>();
    scripts.forEach(s -> byVersion.put(s.version(), s));
    String history = SqlNames.quote(step.historyTable());
    List<Evidence> evidence = new ArrayList<>();
    try (Connection c = Connections.open(request.db(), ctx.baseDir())) {
      c.setAutoCommit(false);
      if (!exists(c, step.historyTable())) {
        return StepOutcome.of(
            "nothing to undo: no migration history on '" + request.db().name() + "'");
      }
      List<Object[]> mine = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT version, created_objects FROM "
                  + history
                  + " WHERE run_key = ? AND step_id = ? ORDER BY version DESC")) {
        ps.setString(1, ctx.runKey());
        ps.setString(2, ctx.stepId());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            mine.add(new Object[] {rs.getInt(1), rs.getString(2)});
          }
        }
      }
      for (Object[] m : mine) {
        int v = (Integer) m[0];
        Migrations.Script s = byVersion.get(v);
        try {
          if (s != null && s.undoSql() != null) {
            SqlScript.execute(c, s.undoSql());
            evidence.add(Evidence.info("V" + v, "undone by U" + v + " script"));
          } else {
            List<String> dropped = drop(c, m[1] == null ? "" : (String) m[1]);
            evidence.add(
                Evidence.info(
                    "V" + v,
                    "undone by dropping "
                        + (dropped.isEmpty() ? "nothing" : String.join(", ", dropped))));
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + history + " WHERE version = ?")) {
            ps.setInt(1, v);
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
      return new StepOutcome(
          "undid "
              + mine.size()
              + " migration(s) this run applied to '"
              + request.db().name()
              + "'",
          evidence,
          List.of());
    } catch (SQLException e) {
      if (Connections.isTransient(e)) {
        throw Fail.transientFault(
            "undo migrations on '" + request.db().name() + "': " + e.getMessage(), e);
      }
      throw Fail.of(
          FailureType.ROLLBACK_FAILED,
          "undo migrations on '" + request.db().name() + "' failed: " + e.getMessage());
    } catch (ApplicationFailure e) {
      throw e;
    }
  }

  /**
   * Drops objects recorded as {@code kind<TAB>name}: views first, then tables (with their indexes),
   * other indexes, sequences, types.
   */
  private static List<String> drop(Connection c, String recorded) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String kinds : List.of("vm", "rpf", "i", "S", "T")) {
      for (String line : recorded.split("\n")) {
        int tab = line.indexOf('\t');
        if (tab <= 0 || kinds.indexOf(line.charAt(0)) < 0) {
          continue;
        }
        String name = line.substring(tab + 1);
        String what =
            switch (line.charAt(0)) {
              case 'i' -> "INDEX";
              case 'v' -> "VIEW";
              case 'm' -> "MATERIALIZED VIEW";
              case 'S' -> "SEQUENCE";
              case 'f' -> "FOREIGN TABLE";
              case 'T' -> "TYPE";
              default -> "TABLE";
            };
        try (Statement st = c.createStatement()) {
          // The name was produced by format('%I.%I') on the server, so it is already quoted.
          st.execute("DROP " + what + " IF EXISTS " + name + " CASCADE");
        }
        out.add(what.toLowerCase(Locale.ROOT) + " " + name);
      }
    }
    return out;
  }

  private static Map<Integer, String[]> applied(Connection c, String history) throws SQLException {
    Map<Integer, String[]> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version, checksum, script, applied_at FROM "
                    + history
                    + " ORDER BY version")) {
      while (rs.next()) {
        out.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    return out;
  }

  private static Set<String> objects(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(OBJECTS)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "\t" + rs.getString(2));
      }
    }
    return out;
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, SqlNames.quote(table));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
