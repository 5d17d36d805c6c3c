package io.cutover.activities.preview;

import io.cutover.activities.DbRef;
import io.cutover.activities.PreviewRequest;
import io.cutover.activities.db.Connections;
import io.cutover.activities.http.HttpActivitiesImpl;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.api.Evidence;
import io.cutover.plan.CommandStep;
import io.cutover.plan.GateStep;
import io.cutover.plan.HealthStep;
import io.cutover.plan.HoldStep;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Service;
import io.cutover.plan.Step;
import io.cutover.plan.WaitStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** Per step type: what it would do and whether its preconditions hold, read-only. */
final class StepPreviews {
  private StepPreviews() {}

  /**
   * The preview of a step whose kind says nothing more: whether its database is reachable, and that
   * it would run.
   */
  static String generic(PreviewRequest r, Step s, String base, List<Evidence> evidence) {
    if (s.database() != null && r.resources().databases().containsKey(s.database())) {
      reachable(
          new DbRef(s.database(), r.resources().databases().get(s.database())), base, evidence);
    }
    return "would run the "
        + s.type()
        + " step '"
        + s.id()
        + "'"
        + (s.description() == null ? "" : ": " + s.description());
  }

  static void program(List<String> argv, String base, List<Evidence> evidence) {
    if (argv.isEmpty()) {
      return;
    }
    String program = Refs.hasReference(argv.get(0)) ? safeResolve(argv.get(0), base) : argv.get(0);
    boolean found =
        program != null
            && (PreviewActivitiesImpl.onPath(program)
                || Files.isExecutable(PlanPaths.resolve(base, program)));
    evidence.add(
        Evidence.check(
            "program " + argv.get(0), "found", found ? "found" : "not found on PATH", found));
  }

  private static String safeResolve(String value, String base) {
    try {
      return Refs.resolve(value, base);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static void probes(List<HttpProbe> probes, String base, List<Evidence> evidence) {
    HttpActivitiesImpl http = new HttpActivitiesImpl();
    for (HttpProbe p : probes) {
      if (!p.method().equalsIgnoreCase("GET") && !p.method().equalsIgnoreCase("HEAD")) {
        evidence.add(
            Evidence.info(p.label(), "would send " + p.method() + " (not sent in a dry run)"));
        continue;
      }
      // Today's answer, for information: the change has not happened yet, so it need not pass.
      http.probeOnce(p, base)
          .forEach(e -> evidence.add(Evidence.info(e.name() + " (now)", e.actual())));
    }
  }

  static void reachable(DbRef db, String base, List<Evidence> evidence) {
    try (Connection c = Connections.open(db, base)) {
      evidence.add(
          Evidence.check(
              "database " + db.name(),
              "answers",
              "answers (" + c.getMetaData().getDatabaseProductName() + ")",
              true));
    } catch (Exception e) {
      evidence.add(
          Evidence.check(
              "database " + db.name(), "answers", String.valueOf(e.getMessage()), false));
    }
  }

  static Optional<ProcessHandle> running(Path pidFile) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .filter(ProcessRunner::isRunning);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  static String command(PreviewRequest r, CommandStep c, String base, List<Evidence> evidence) {
    program(c.argv(), base, evidence);
    if (!c.undo().isEmpty()) {
      evidence.add(Evidence.info("undo on rollback", String.join(" ", c.undo())));
    }
    return "would run " + String.join(" ", c.argv()) + (c.cwd() == null ? "" : " in " + c.cwd());
  }

  static String restart(PreviewRequest r, RestartStep rs, String base, List<Evidence> evidence) {
    for (String name : rs.services()) {
      Service svc = r.resources().services().get(name);
      if (svc == null) {
        continue;
      }
      if (!svc.restart().isEmpty()) {
        program(svc.restart(), base, evidence);
      } else {
        program(svc.start(), base, evidence);
        Optional<ProcessHandle> running = running(PlanPaths.resolve(base, svc.pidFile()));
        evidence.add(
            Evidence.info(
                name + " now",
                running.map(p -> "running as pid " + p.pid()).orElse("not running")));
      }
    }
    return "would restart "
        + String.join(", ", rs.services())
        + " in that order, each healthy before the next";
  }

  static String health(PreviewRequest r, HealthStep h, String base, List<Evidence> evidence) {
    probes(h.probes(), base, evidence);
    return "would probe "
        + h.probes().size()
        + " endpoint(s) until all pass or "
        + h.deadline()
        + " passes";
  }

  static String gate(PreviewRequest r, GateStep g, String base, List<Evidence> evidence) {
    return "would wait up to "
        + (g.timeout() == null ? "24h" : g.timeout())
        + " for go/no-go"
        + (g.approvers().isEmpty()
            ? ""
            : " by " + String.join(", ", g.approvers().stream().map(a -> a.name()).toList()));
  }

  static String waitFor(PreviewRequest r, WaitStep w, String base, List<Evidence> evidence) {
    return "would wait " + w.duration();
  }

  static String hold(PreviewRequest r, HoldStep h, String base, List<Evidence> evidence) {
    h.conditions().forEach(c -> evidence.add(Evidence.info("condition", c.label())));
    return "would hold until "
        + h.conditions().size()
        + " condition(s) hold"
        + (h.stableFor() == null ? "" : " for " + h.stableFor())
        + ", checked every "
        + h.interval()
        + ", for at most "
        + h.deadline()
        + " (then "
        + h.onDeadline().text()
        + ")";
  }
}
