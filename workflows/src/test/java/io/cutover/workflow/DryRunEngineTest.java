package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.workflow.fakes.Fakes;
import io.cutover.workflow.fakes.Runs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dry run on fake activities: SQLite steps run on scratch copies, every other step is previewed,
 * and nothing that changes state is called — no command, maintenance switch, restore, webhook,
 * lock, compensation or rollback step — also when the dry run fails.
 */
class DryRunEngineTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  static final String PLAN =
      """
      name: dry
      anchor: dry-1
      target: dry
      notify: [{name: ops, url: "http://hooks.example/ops"}]
      resources:
        databases:
          app: {type: sqlite, path: app.db}
      steps:
        - {id: backup, type: backup, database: app, destinations: [app.bak]}
        - {id: load, type: sql, database: app, statements: ["insert into t values (1)"]}
        - {id: maint, type: maintenance, mode: "on", flag: maintenance.flag}
        - {id: switch, type: command, argv: [switch], undo: [switch-back]}
        - {id: go, type: gate, prompt: switch now, approvers: [ann]}
        - {id: settle, type: wait, duration: 2h}
      rollback:
        - {id: restart-old, type: command, argv: [restart-old]}
      """;

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  @Test
  void changesNothingAndPreviewsWhatItWouldDo(WorkflowClient client, WorkflowOptions options) {
    CutoverReport r = Runs.result(Runs.start(client, options, PLAN, true));

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertTrue(r.dryRun());
    assertEquals(
        List.of(
            "scratch app",
            "backup app @/scratch/app.db",
            "sql load @/scratch/app.db",
            "preview maint",
            "preview switch",
            "preview go",
            "preview settle",
            "drop-scratch"),
        Fakes.LOG.calls(),
        "only scratch copies and previews; no gate waits, no webhook, no lock");
    assertTrue(
        Runs.step(r, "load").summary().startsWith("[dry run, on a scratch copy] "),
        Runs.step(r, "load").summary());
    assertEquals("would run command switch", Runs.step(r, "switch").summary());
    assertEquals(List.of(), r.notifications());
    assertEquals(List.of(), r.approvals());
  }

  @Test
  void aFailingDryRunRollsBackNothing(WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("sql load", "no such table: t");
    CutoverReport r = Runs.result(Runs.start(client, options, PLAN, true));

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().startsWith("step 'load' failed: "), r.failure());
    assertTrue(r.failure().contains("no such table: t"), r.failure());
    assertEquals(
        List.of(
            "scratch app",
            "backup app @/scratch/app.db",
            "sql load @/scratch/app.db",
            "drop-scratch"),
        Fakes.LOG.calls(),
        "no restore, no rollback step, no webhook");
    assertEquals(List.of(), r.rollback().compensations());
    assertEquals(List.of(), r.rollback().steps());
    assertEquals(StepStatus.FAILED, Runs.status(r, "load"));
    assertEquals(StepStatus.SKIPPED, Runs.status(r, "switch"));
  }
}
