package io.cutover.activities.preflight;

import io.cutover.activities.PreflightActivities;
import io.cutover.activities.PreflightRequest;
import io.cutover.activities.PreflightResult;
import io.cutover.activities.db.Connections;
import io.cutover.activities.process.PortOwners;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.plan.Database;
import io.cutover.plan.Plan;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.Service;
import io.cutover.plan.SqliteDatabase;
import io.temporal.failure.ApplicationFailure;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks before the first step, on the worker that will run the steps (each host's worker
 * checks its own). Everything it finds is returned at once; it changes nothing: a SQLite file that
 * does not exist yet is not created, a service is not started.
 */
public class PreflightActivitiesImpl implements PreflightActivities {
  private final String host;

  public PreflightActivitiesImpl(String host) {
    this.host = host;
  }

  @Override
  public PreflightResult check(PreflightRequest request) {
    Plan plan = request.plan();
    String base = request.context().baseDir();
    PlanScan scan = PlanScan.of(plan, request.host());
    // The same problem in several steps (one unset variable, say) is one line naming them all.
    Map<String, Set<String>> problems = new LinkedHashMap<>();
    int checked = 0;
    Set<String> startedByPlan = startedByPlan(plan);
    for (PlanScan.Found f : scan.strings) {
      if (!Refs.hasReference(f.value())
          || startedByPlan.stream().anyMatch(db -> f.where().equals("database '" + db + "'"))) {
        continue;
      }
      checked++;
      try {
        Refs.resolve(f.value(), base);
      } catch (ApplicationFailure e) {
        problems.computeIfAbsent(e.getOriginalMessage(), k -> new LinkedHashSet<>()).add(f.where());
      }
    }
    for (PlanScan.Argv a : scan.argvs) {
      checked++;
      String program;
      try {
        program = Refs.resolve(a.argv().get(0), base);
      } catch (ApplicationFailure e) {
        continue; // named above, as an unresolved reference
      }
      String problem = Programs.problem(program, a.cwd(), base);
      if (problem != null) {
        problems.computeIfAbsent(problem, k -> new LinkedHashSet<>()).add(a.where());
      }
    }
    for (String name : scan.databases) {
      checked++;
      String problem =
          database(
              name, plan.resources().databases().get(name), base, startedByPlan.contains(name));
      if (problem != null) {
        problems
            .computeIfAbsent(problem, k -> new LinkedHashSet<>())
            .add("database '" + name + "'");
      }
    }
    // A PostgreSQL backup on this worker needs pg_dump, pg_restore and psql of the server's
    // version.
    for (io.cutover.plan.Step s : plan.steps()) {
      if (s instanceof io.cutover.plan.BackupStep b
          && java.util.Objects.equals(b.host(), request.host())
          && plan.resources().databases().get(b.database()) instanceof PostgresDatabase p
          && !startedByPlan.contains(b.database())) {
        checked++;
        String problem = io.cutover.activities.pg.PgBackup.toolsProblem(p, base);
        if (problem != null) {
          problems
              .computeIfAbsent(problem, k -> new LinkedHashSet<>())
              .add("step '" + b.id() + "'");
        }
      }
    }
    for (String name : scan.services) {
      Service s = plan.resources().services().get(name);
      for (int port : ports(s, base)) {
        checked++;
        String problem = port(name, s, port, base);
        if (problem != null) {
          problems
              .computeIfAbsent(problem, k -> new LinkedHashSet<>())
              .add("service '" + name + "'");
        }
      }
    }
    String who =
        ManagementFactory.getRuntimeMXBean().getName()
            + (host == null ? "" : " (host " + host + ")");
    List<String> lines = new ArrayList<>();
    problems.forEach((problem, where) -> lines.add(String.join(", ", where) + ": " + problem));
    return new PreflightResult(who, checked, lines);
  }

  /**
   * Databases a service of the plan runs (e.g. a stand-in PostgreSQL its first step starts): not
   * reachable yet.
   */
  private static Set<String> startedByPlan(Plan plan) {
    Set<String> out = new LinkedHashSet<>();
    plan.resources()
        .databases()
        .forEach(
            (name, db) -> {
              if (db instanceof PostgresDatabase p && p.startedBy() != null) {
                out.add(name);
              }
            });
    return out;
  }

  private static String database(String name, Database db, String base, boolean startedByPlan) {
    if (db instanceof SqliteDatabase s) {
      Path file = Connections.sqlitePath(s, base);
      if (!Files.exists(file)) {
        if (s.createFrom() == null) {
          return "SQLite file " + file + " does not exist";
        }
        Path script = PlanPaths.resolve(base, s.createFrom());
        return Files.isReadable(script)
            ? null
            : "SQLite file "
                + file
                + " does not exist and its createFrom script "
                + script
                + " cannot be read";
      }
      try (Connection c = Connections.openSqliteFile(file, true);
          Statement st = c.createStatement()) {
        st.executeQuery("SELECT count(*) FROM sqlite_master").close();
        return null;
      } catch (SQLException e) {
        return "SQLite file " + file + " does not open: " + e.getMessage();
      }
    }
    if (db instanceof PostgresDatabase p) {
      if (startedByPlan) {
        return null; // its service's start program is checked with the services
      }
      try (Connection c = Connections.openPostgres(p, base);
          Statement st = c.createStatement()) {
        st.executeQuery("SELECT 1").close();
        return null;
      } catch (SQLException | RuntimeException e) {
        String why = e instanceof ApplicationFailure af ? af.getOriginalMessage() : e.getMessage();
        return "PostgreSQL at " + p.url() + " does not answer as " + p.user() + ": " + why;
      }
    }
    return null;
  }

  private static List<Integer> ports(Service s, String base) {
    if (s == null || s.pidFile() == null || s.start().isEmpty()) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    for (var probe : s.health()) {
      try {
        urls.add(Refs.resolve(probe.url(), base));
      } catch (ApplicationFailure e) {
        // named with the references
      }
    }
    return PortOwners.loopbackPorts(urls);
  }

  /**
   * A port a managed service must own is free, or held by the process its pid file names (which the
   * restart replaces).
   */
  private static String port(String name, Service s, int port, String base) {
    if (!PortOwners.listening(port)) {
      return null;
    }
    Optional<ProcessHandle> own = ownProcess(PlanPaths.resolve(base, s.pidFile()));
    if (own.isPresent() && PortOwners.heldBy(own.get(), port)) {
      return null;
    }
    List<PortOwners.Holder> holders = PortOwners.holders(port);
    return "port "
        + port
        + " (its health probes) is held by "
        + (holders.isEmpty() ? "a process this worker cannot see" : holders.get(0).toString())
        + ", not by the process in "
        + s.pidFile()
        + "; its restart could not start it there. Stop that process, or give "
        + name
        + " another port";
  }

  private static Optional<ProcessHandle> ownProcess(Path pidFile) {
    try {
      return ProcessHandle.of(
              Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
          .filter(ProcessRunner::isRunning);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
