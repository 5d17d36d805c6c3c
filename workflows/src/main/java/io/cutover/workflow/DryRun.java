package io.cutover.workflow;

import io.cutover.activities.DbRef;
import io.cutover.activities.PreviewActivities;
import io.cutover.activities.PreviewRequest;
import io.cutover.activities.ScratchRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.BackupStep;
import io.cutover.plan.Check;
import io.cutover.plan.Database;
import io.cutover.plan.ParityCheck;
import io.cutover.plan.SqliteDatabase;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.ValidateStep;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a step runs in a dry run: nothing on the system may change. Steps on SQLite databases run for
 * real against scratch copies (so a dry run proves the import and its validation on today's data);
 * read-only API checks run as they are; every other step is previewed — what it would do, and
 * whether its preconditions hold. Gates, waits and windows are described, not waited.
 */
final class DryRun {
  private final StepEnv env;
  private final Map<String, DbRef> scratch = new LinkedHashMap<>();
  private final Set<String> hosts = new LinkedHashSet<>();

  DryRun(StepEnv env) {
    this.env = env;
  }

  /** The scratch copy standing in for {@code name}, when the dry run made one. */
  DbRef scratchOf(String name) {
    return scratch.get(name);
  }

  /**
   * Makes the scratch copy of every SQLite database before anything reads it, on the worker of the
   * first step that uses it: even the protected-table checksums must not open (and so create) a
   * database file that does not exist yet.
   */
  void prepareAll() {
    for (Map.Entry<String, Database> db : env.plan.resources().databases().entrySet()) {
      if (!(db.getValue() instanceof SqliteDatabase)) {
        continue;
      }
      env.plan.steps().stream()
          .filter(s -> databasesOf(s).contains(db.getKey()))
          .findFirst()
          .ifPresent(s -> prepare(s, db.getKey()));
    }
  }

  StepOutcome run(Step step, StepRunner<Step> runner) {
    StepKind.DryRun mode = step.kind().dryRun();
    if (mode == StepKind.DryRun.RUNS) {
      return runner.run(step, env); // read-only, or the activity sends only GETs in a dry run
    }
    List<String> dbs = databasesOf(step);
    boolean onScratch =
        mode == StepKind.DryRun.ON_SCRATCH
            && !dbs.isEmpty()
            && dbs.stream().allMatch(d -> env.plan.database(d) instanceof SqliteDatabase);
    if (!onScratch) {
      return preview(step);
    }
    for (String d : dbs) {
      prepare(step, d);
    }
    Step effective = step instanceof BackupStep b ? intoScratch(b) : step;
    StepOutcome out = runner.run(effective, env);
    return new StepOutcome(
        "[dry run, on a scratch copy] " + out.summary(), out.evidence(), out.artifacts());
  }

  private StepOutcome preview(Step step) {
    PreviewActivities previews = env.stub(PreviewActivities.class, step, Duration.ofMinutes(5));
    return previews.preview(new PreviewRequest(env.context(step), step, env.plan.resources()));
  }

  private void prepare(Step step, String name) {
    if (scratch.containsKey(name)) {
      return;
    }
    PreviewActivities previews = env.stub(PreviewActivities.class, step, Duration.ofMinutes(30));
    scratch.put(
        name,
        previews.prepareScratch(
            new ScratchRequest(env.context(step), new DbRef(name, env.plan.database(name)))));
    hosts.add(step.host() == null ? "" : step.host());
  }

  /** The backup step with its copies written beside the scratch database instead. */
  private BackupStep intoScratch(BackupStep b) {
    String path = ((SqliteDatabase) scratch.get(b.database()).database()).path();
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String dir = slash < 0 ? "." : path.substring(0, slash);
    List<String> destinations = new ArrayList<>();
    for (int i = 0; i < b.destinations().size(); i++) {
      destinations.add(dir + "/backup-" + b.id() + "-" + (i + 1));
    }
    return new BackupStep(
        b.id(),
        b.description(),
        b.host(),
        b.timeout(),
        b.retry(),
        b.database(),
        destinations,
        b.verify(),
        b.onFailure(),
        b.required(),
        b.decideWithin());
  }

  private static List<String> databasesOf(Step step) {
    List<String> out = new ArrayList<>();
    if (step.database() != null) {
      out.add(step.database());
    }
    if (step instanceof ValidateStep v) {
      for (Check c : v.checks()) {
        if (c instanceof ParityCheck p && !out.contains(p.against())) {
          out.add(p.against());
        }
      }
    }
    return out;
  }

  /** Deletes the scratch copies on every worker that made one; a failure only leaves temp files. */
  void cleanUp() {
    for (String host : hosts) {
      ActivityOptions.Builder b =
          ActivityOptions.newBuilder(StepEnv.DEFAULT_OPTIONS)
              .setStartToCloseTimeout(Duration.ofMinutes(2))
              .setSummary("delete the dry run's scratch copies");
      if (!host.isEmpty()) {
        b.setTaskQueue(HostWait.queue(host)).setScheduleToStartTimeout(Duration.ofMinutes(1));
      }
      try {
        Workflow.newActivityStub(PreviewActivities.class, b.build())
            .dropScratch(env.context("dry-run"));
      } catch (ActivityFailure e) {
        Workflow.getLogger(DryRun.class)
            .warn(
                "scratch copies not deleted on {}: {}",
                host.isEmpty() ? "cutover" : host,
                Failures.describe(e));
      }
    }
  }
}
