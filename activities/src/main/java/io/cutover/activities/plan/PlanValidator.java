package io.cutover.activities.plan;

import io.cutover.activities.db.SqlNames;
import io.cutover.activities.http.JsonPaths;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.api.DecisionSignature;
import io.cutover.plan.BackupStep;
import io.cutover.plan.Budget;
import io.cutover.plan.Check;
import io.cutover.plan.CommandStep;
import io.cutover.plan.CountCheck;
import io.cutover.plan.CsvFile;
import io.cutover.plan.Database;
import io.cutover.plan.GateStep;
import io.cutover.plan.HealthStep;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.ImportCsvStep;
import io.cutover.plan.OrphanCheck;
import io.cutover.plan.Plan;
import io.cutover.plan.PostgresDatabase;
import io.cutover.plan.ProtectedCheck;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Service;
import io.cutover.plan.Span;
import io.cutover.plan.SqlStep;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKinds;
import io.cutover.plan.TruncateStep;
import io.cutover.plan.UniqueCheck;
import io.cutover.plan.ValidateStep;
import io.cutover.plan.WaitStep;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a typed plan must pass before it may run: references resolve, names are safe,
 * destructive steps have a backup to roll back to, protected tables stay out of reach.
 */
final class PlanValidator {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Span MAX_TIMEOUT = Span.parse("30d");
  private final PlanDocument doc;
  private final Plan plan;
  private final String baseDir;
  private final List<PlanProblem> problems;
  private final Set<String> ids = new HashSet<>();

  private PlanValidator(PlanDocument doc, Plan plan, String baseDir, List<PlanProblem> problems) {
    this.doc = doc;
    this.plan = plan;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  static void validate(PlanDocument doc, Plan plan, String baseDir, List<PlanProblem> problems) {
    new PlanValidator(doc, plan, baseDir, problems).run();
  }

  private void add(String pointer, String message) {
    problems.add(doc.problem(pointer, message));
  }

  private void run() {
    required("/name", plan.name(), "name");
    required("/anchor", plan.anchor(), "anchor");
    if (required("/target", plan.target(), "target") && !ID.matcher(plan.target()).matches()) {
      add(
          "/target",
          "target '"
              + plan.target()
              + "' becomes the workflow id cutover-<target>: use letters, digits, '.', '_' and"
              + " '-'");
    }
    if (plan.steps().isEmpty()) {
      add("/steps", "a plan needs at least one step");
    }
    resources();
    Set<String> backedUp = new HashSet<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      Step s = plan.steps().get(i);
      step("/steps/" + i, s);
      if (s instanceof BackupStep b) {
        backedUp.add(b.database());
      }
      if (s.destructive()
          && s.database() != null
          && needsBackup(s)
          && !backedUp.contains(s.database())) {
        add(
            "/steps/" + i,
            "step '"
                + s.id()
                + "' changes database '"
                + s.database()
                + "' but no earlier step backs it up: add a backup step of '"
                + s.database()
                + "' before it, so a rollback can restore it");
      }
    }
    for (int i = 0; i < plan.rollback().size(); i++) {
      Step s = plan.rollback().get(i);
      step("/rollback/" + i, s);
      if (!s.kind().can(StepKind.Capability.ROLLBACK)) {
        add(
            "/rollback/" + i,
            "a '"
                + s.type()
                + "' step cannot be a rollback step (allowed: "
                + StepKinds.namesWith(StepKind.Capability.ROLLBACK)
                + "); "
                + "undoing changes is the job of the forward steps' compensations");
      } else if (s instanceof CommandStep c && !c.undo().isEmpty()) {
        add("/rollback/" + i + "/undo", "a rollback step has nothing to undo: remove 'undo'");
      }
    }
    budget(plan.budget());
    RunControlChecks.plan(plan, this::add);
    WatchChecks.plan(doc, plan, problems);
    ApiPlanChecks.check(doc, plan, baseDir, problems);
  }

  /**
   * Steps rolled back by restoring this run's backup: truncate, import-csv and sql, on SQLite and
   * PostgreSQL (migrate and copy undo their own changes).
   */
  private boolean needsBackup(Step s) {
    Database db = plan.resources().databases().get(s.database());
    return (db instanceof SqliteDatabase || db instanceof PostgresDatabase)
        && (s instanceof TruncateStep || s instanceof ImportCsvStep || s instanceof SqlStep);
  }

  private boolean required(String pointer, String value, String key) {
    if (value == null || value.isBlank()) {
      add(pointer, "'" + key + "' is required and may not be empty");
      return false;
    }
    return true;
  }

  private void resources() {
    for (Map.Entry<String, Database> e : plan.resources().databases().entrySet()) {
      String ptr = "/resources/databases/" + e.getKey();
      Database db = e.getValue();
      for (int i = 0; i < db.protectedTables().size(); i++) {
        identifier(ptr + "/protected/" + i, db.protectedTables().get(i));
      }
      if (db instanceof SqliteDatabase s) {
        if (s.createFrom() != null) {
          fileExists(ptr + "/createFrom", s.createFrom());
        }
      } else if (db instanceof PostgresDatabase p) {
        if (!p.url().startsWith("jdbc:postgresql:")) {
          add(
              ptr + "/url",
              "a PostgreSQL URL starts with jdbc:postgresql://, e.g."
                  + " jdbc:postgresql://127.0.0.1:5432/app");
        }
        if (p.startedBy() != null && !plan.resources().services().containsKey(p.startedBy())) {
          add(
              ptr + "/startedBy",
              "no service '"
                  + p.startedBy()
                  + "' under resources.services"
                  + Suggest.didYouMean(p.startedBy(), plan.resources().services().keySet()));
        }
        if (p.password() != null && !Refs.isSecretReference(p.password())) {
          add(
              ptr + "/password",
              "never write a password into a plan: put it in an environment variable or a file on"
                  + " the worker and write ${env:NAME} or ${file:/path}");
        }
      }
    }
    for (Map.Entry<String, Service> e : plan.resources().services().entrySet()) {
      String ptr = "/resources/services/" + e.getKey();
      Service s = e.getValue();
      boolean managed = !s.start().isEmpty();
      if (managed == !s.restart().isEmpty()) {
        add(
            ptr,
            "give a service either 'restart' (a command that restarts it) or 'start' with 'pidFile'"
                + " (Cutover manages the process), not both or neither");
      }
      if (managed && s.pidFile() == null) {
        add(
            ptr,
            "a service with 'start' needs 'pidFile', where Cutover records the process to stop on"
                + " the next restart");
      }
      argv(ptr + "/start", s.start());
      argv(ptr + "/restart", s.restart());
      probes(ptr + "/health", s.health());
    }
  }

  private void step(String ptr, Step s) {
    if (s.id() == null || !ID.matcher(s.id()).matches()) {
      add(ptr + "/id", "step id '" + s.id() + "' must be 1-100 letters, digits, '.', '_' or '-'");
    } else if (!ids.add(s.id())) {
      add(
          ptr + "/id",
          "duplicate step id '"
              + s.id()
              + "': every step (rollback steps included) needs its own id");
    }
    if (s.host() != null && !ID.matcher(s.host()).matches()) {
      add(
          ptr + "/host",
          "host '"
              + s.host()
              + "' names a task queue cutover-<host>: use letters, digits, '.', '_' and '-'");
    }
    duration(ptr + "/timeout", s.timeout());
    if (s.retry() != null) {
      // The same rules the run applies when it schedules the step (RetrySpec.problems).
      s.retry().problems().forEach(problem -> add(ptr + "/retry", problem));
    }
    WatchChecks.step(doc, plan, ptr, s, problems, this::step);
    HoldPlanChecks.step(doc, plan, ptr, s, problems);
    if (s.database() != null && !plan.resources().databases().containsKey(s.database())) {
      add(
          ptr + "/database",
          "no database '"
              + s.database()
              + "' under resources.databases"
              + Suggest.didYouMean(s.database(), plan.resources().databases().keySet()));
      return;
    }
    StepChecks.check(this, ptr, s);
    DataPathChecks.step(plan, baseDir, ptr, s, this::add);
  }

  private void csv(String ptr, CsvFile f, String database) {
    fileExists(ptr + "/file", f.file());
    identifier(ptr + "/table", f.table());
    notProtected(ptr + "/table", database, f.table(), "imported into");
    f.columns()
        .forEach(
            (header, column) -> {
              if (column != null && !column.isEmpty()) {
                identifier(ptr + "/columns/" + header, column);
              }
            });
    f.types().keySet().forEach(c -> identifier(ptr + "/types/" + c, c));
    if (f.delimiter().length() != 1) {
      add(ptr + "/delimiter", "the delimiter is one character, e.g. ',' or ';'");
    }
  }

  private void checks(String ptr, List<Check> checks, String database) {
    for (int i = 0; i < checks.size(); i++) {
      Check c = checks.get(i);
      String p = ptr + "/" + i;
      if (c instanceof CountCheck k) {
        if ((k.table() == null) == (k.sql() == null)) {
          add(p, "a count check needs either 'table' or 'sql'");
        }
        if (k.table() != null) {
          identifier(p + "/table", k.table());
        }
      } else if (c instanceof OrphanCheck o) {
        identifier(p + "/table", o.table());
        identifier(p + "/column", o.column());
        if (!o.references().contains(".")) {
          add(p + "/references", "write references as parent_table.column");
        } else {
          identifier(
              p + "/references", o.references().substring(0, o.references().lastIndexOf('.')));
          identifier(
              p + "/references", o.references().substring(o.references().lastIndexOf('.') + 1));
        }
      } else if (c instanceof UniqueCheck u) {
        identifier(p + "/table", u.table());
        u.columns().forEach(col -> identifier(p + "/columns", col));
      } else if (c instanceof ProtectedCheck pc) {
        Database db = plan.resources().databases().get(database);
        if (db != null && db.protectedTables().isEmpty()) {
          add(
              p,
              "database '"
                  + database
                  + "' declares no protected tables: list them under its 'protected'");
        }
        for (String t : pc.tables()) {
          if (db != null && db.protectedTables().stream().noneMatch(t::equalsIgnoreCase)) {
            add(p + "/tables", "'" + t + "' is not a protected table of '" + database + "'");
          }
        }
      }
    }
  }

  private void probes(String ptr, List<HttpProbe> probes) {
    for (int i = 0; i < probes.size(); i++) {
      HttpProbe p = probes.get(i);
      String url = p.url();
      if (!(url.startsWith("http://") || url.startsWith("https://"))) {
        add(ptr + "/" + i + "/url", "a probe URL starts with http:// or https://");
      }
      for (int j = 0; j < p.json().size(); j++) {
        String problem = JsonPaths.problem(p.json().get(j).path());
        if (problem != null) {
          add(ptr + "/" + i + "/json/" + j + "/path", problem);
        }
      }
    }
  }

  private void argv(String ptr, List<String> argv) {
    if (!argv.isEmpty()
        && argv.size() == 1
        && argv.get(0).trim().contains(" ")
        && !Refs.hasReference(argv.get(0))) {
      add(
          ptr,
          "'"
              + argv.get(0)
              + "' looks like a shell string: split it into a list, program first, e.g. "
              + List.of(argv.get(0).trim().split("\\s+")));
    }
  }

  private void identifier(String ptr, String name) {
    if (!SqlNames.isValid(name)) {
      add(
          ptr,
          "'"
              + name
              + "' is not a safe SQL name: use letters, digits and _ (optionally schema.name); it"
              + " is quoted for you");
    }
  }

  private void notProtected(String ptr, String database, String table, String verb) {
    Database db = plan.resources().databases().get(database);
    if (db != null
        && table != null
        && db.protectedTables().stream().anyMatch(table::equalsIgnoreCase)) {
      add(
          ptr,
          "table '"
              + table
              + "' is protected on database '"
              + database
              + "' and may not be "
              + verb
              + ": remove it here, or from the database's 'protected' list if it really must"
              + " change");
    }
  }

  private void fileExists(String ptr, String path) {
    if (path == null || Refs.hasReference(path) || path.contains("${")) {
      return;
    }
    if (!Files.exists(PlanPaths.resolve(baseDir, path))) {
      add(
          ptr,
          "file not found: "
              + PlanPaths.resolve(baseDir, path)
              + " (paths are relative to the plan's folder)");
    }
  }

  private void duration(String ptr, Span span) {
    if (span != null && (span.millis() <= 0 || span.millis() > MAX_TIMEOUT.millis())) {
      add(ptr, "'" + span + "' is out of range: give a duration above 0 and at most 30d");
    }
  }

  private void budget(Budget b) {
    if (b == null) {
      return;
    }
    duration("/budget/total", b.total());
    duration("/budget/downtime", b.downtime());
    duration("/budget/rollback", b.rollback());
    if (b.downtimeFrom() != null && plan.step(b.downtimeFrom()).isEmpty()) {
      add("/budget/downtimeFrom", "no step '" + b.downtimeFrom() + "'");
    }
    if (b.downtimeTo() != null && plan.step(b.downtimeTo()).isEmpty()) {
      add("/budget/downtimeTo", "no step '" + b.downtimeTo() + "'");
    }
  }

  void backupStep(String ptr, BackupStep b) {
    if (b.destinations().isEmpty()) {
      add(ptr + "/destinations", "name at least one folder for the backup (two places is safer)");
    }
    if (plan.resources().databases().get(b.database()) instanceof PostgresDatabase p) {
      PgBackupChecks.check(p, b, ptr, "/resources/databases/" + b.database(), this::add);
    }
    checks(ptr + "/verify", b.verify(), b.database());
  }

  void truncateStep(String ptr, TruncateStep t) {
    if (t.tables().isEmpty()) {
      add(ptr + "/tables", "list the tables to empty");
    }
    for (int i = 0; i < t.tables().size(); i++) {
      identifier(ptr + "/tables/" + i, t.tables().get(i));
      notProtected(ptr + "/tables/" + i, t.database(), t.tables().get(i), "truncated");
    }
  }

  void importCsvStep(String ptr, ImportCsvStep imp) {
    for (int i = 0; i < imp.files().size(); i++) {
      csv(ptr + "/files/" + i, imp.files().get(i), imp.database());
    }
  }

  void sqlStep(String ptr, SqlStep q) {
    if ((q.file() == null) == q.statements().isEmpty()) {
      add(ptr, "give a sql step either 'file' or 'statements', not both or neither");
    } else if (q.file() != null) {
      fileExists(ptr + "/file", q.file());
    }
  }

  void validateStep(String ptr, ValidateStep v) {
    if (v.checks().isEmpty()) {
      add(ptr + "/checks", "list at least one check");
    }
    checks(ptr + "/checks", v.checks(), v.database());
  }

  void commandStep(String ptr, CommandStep c) {
    if (Boolean.TRUE.equals(c.readOnly()) && !c.undo().isEmpty()) {
      add(
          ptr + "/undo",
          "a readOnly command changes nothing, so it has nothing to undo: remove 'undo' or"
              + " 'readOnly'");
    }
    argv(ptr + "/argv", c.argv());
    argv(ptr + "/undo", c.undo());
    if (c.guard() != null) {
      argv(ptr + "/guard/check", c.guard().check());
    }
    if (c.argv().isEmpty()) {
      add(ptr + "/argv", "argv is empty: give the program and its arguments as a list");
    }
  }

  void restartStep(String ptr, RestartStep r) {
    if (r.services().isEmpty()) {
      add(ptr + "/services", "list the services to restart, in order");
    }
    for (int i = 0; i < r.services().size(); i++) {
      if (!plan.resources().services().containsKey(r.services().get(i))) {
        add(
            ptr + "/services/" + i,
            "no service '"
                + r.services().get(i)
                + "' under resources.services"
                + Suggest.didYouMean(r.services().get(i), plan.resources().services().keySet()));
      }
    }
  }

  void healthStep(String ptr, HealthStep h) {
    if (h.probes().isEmpty()) {
      add(ptr + "/probes", "list at least one probe");
    }
    probes(ptr + "/probes", h.probes());
    duration(ptr + "/deadline", h.deadline());
    duration(ptr + "/interval", h.interval());
  }

  void gateStep(String ptr, GateStep g) {
    if (g.prompt().isBlank()) {
      add(ptr + "/prompt", "say what is being decided");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < g.approvers().size(); i++) {
      String n = g.approvers().get(i).name();
      if (n == null || n.isBlank()) {
        add(ptr + "/approvers/" + i, "an approver needs a name");
      } else if (!names.add(n.trim().toLowerCase(Locale.ROOT))) {
        add(ptr + "/approvers/" + i, "approver '" + n + "' is listed twice");
      }
      String key = g.approvers().get(i).publicKey();
      if (key != null) {
        try {
          DecisionSignature.publicKey(key);
        } catch (IllegalArgumentException e) {
          add(ptr + "/approvers/" + i + "/publicKey", e.getMessage());
        }
      }
    }
    for (int i = 0; i < g.evidence().size(); i++) {
      if (plan.step(g.evidence().get(i)).isEmpty()) {
        add(ptr + "/evidence/" + i, "no step '" + g.evidence().get(i) + "' to show evidence of");
      }
    }
  }

  void waitStep(String ptr, WaitStep w) {
    duration(ptr + "/duration", w.duration());
  }
}
