package io.cutover.workflow;

import static io.cutover.workflow.fakes.Runs.compensations;
import static io.cutover.workflow.fakes.Runs.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CompensationReport;
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
 * The saga on fake activities: compensations run newest first, one restore per database however
 * many steps changed it, last-phase compensations after the plan's rollback steps, and a failed
 * compensation is reported while the others still run.
 */
class SagaCompensationTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  static final String HEAD =
      """
      name: saga
      anchor: saga-1
      target: saga
      """;

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  @Test
  void compensationsRunInReverseOrderOfRegistration(
      WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("command boom", "exit 1");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    steps:
                      - {id: a, type: command, argv: [a], undo: [undo-a]}
                      - {id: b, type: command, argv: [b], undo: [undo-b]}
                      - {id: c, type: command, argv: [c], undo: [undo-c]}
                      - {id: boom, type: command, argv: [boom]}
                      - {id: never, type: command, argv: [never]}
                    """));

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(3, r.status().exitCode());
    assertTrue(r.failure().startsWith("step 'boom' failed: "), r.failure());
    assertTrue(r.failure().contains("exit 1"), r.failure());
    assertEquals(
        List.of(
            "command a",
            "command b",
            "command c",
            "command boom",
            "command c (undo)",
            "command b (undo)",
            "command a (undo)"),
        Fakes.LOG.calls("command"));
    assertEquals(List.of("c: COMPENSATED", "b: COMPENSATED", "a: COMPENSATED"), compensations(r));
    assertEquals(
        List.of("run undo-c", "run undo-b", "run undo-a"),
        r.rollback().compensations().stream().map(CompensationReport::action).toList());
    assertEquals(StepStatus.COMPENSATED, status(r, "a"));
    assertEquals(StepStatus.FAILED, status(r, "boom"));
    assertEquals(StepStatus.SKIPPED, status(r, "never"));
    assertTrue(r.rollback().manualActions().isEmpty());
    assertFalse(r.rollback().nothingChanged());
  }

  @Test
  void theFailedStepsOwnUndoRunsToo(WorkflowClient client, WorkflowOptions options) {
    // The undo is registered before the step runs: a step that failed may have changed something.
    Fakes.LOG.failOn("command boom", "exit 2");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    steps:
                      - {id: a, type: command, argv: [a], undo: [undo-a]}
                      - {id: boom, type: command, argv: [boom], undo: [undo-boom]}
                    """));

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(
        List.of("command a", "command boom", "command boom (undo)", "command a (undo)"),
        Fakes.LOG.calls("command"));
    assertEquals(List.of("boom: COMPENSATED", "a: COMPENSATED"), compensations(r));
  }

  @Test
  void oneRestorePerDatabaseHoweverManyStepsChangedIt(
      WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("command boom", "exit 1");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    resources:
                      databases:
                        app: {type: sqlite, path: app.db}
                        audit: {type: sqlite, path: audit.db}
                    steps:
                      - {id: backup-app, type: backup, database: app, destinations: [app.bak]}
                      - {id: load, type: sql, database: app, statements: ["insert into t values (1)"]}
                      - {id: clean, type: truncate, database: app, tables: [t_old]}
                      - {id: backup-audit, type: backup, database: audit, destinations: [audit.bak]}
                      - {id: note, type: sql, database: audit, statements: ["insert into log values (1)"]}
                      - {id: more, type: sql, database: app, statements: ["update t set x = 1"]}
                      - {id: boom, type: command, argv: [boom]}
                    """));

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::failure);
    assertEquals(
        List.of(
            "restore audit from /backups/backup-audit.bak",
            "restore app from /backups/backup-app.bak"),
        Fakes.LOG.calls("restore"),
        "newest registration first, one restore per database");
    assertEquals(List.of("note: COMPENSATED", "load, clean, more: COMPENSATED"), compensations(r));
    for (String id : List.of("load", "clean", "more", "note")) {
      assertEquals(StepStatus.COMPENSATED, status(r, id), id);
    }
    assertEquals(StepStatus.SUCCEEDED, status(r, "backup-app"), "a backup changes nothing");
    assertTrue(
        Fakes.LOG.calls("lock").size() == 2, () -> "one lock per database: " + Fakes.LOG.calls());
  }

  @Test
  void lastPhaseCompensationsRunAfterTheRollbackSteps(
      WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("command boom", "exit 1");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    steps:
                      - {id: maint, type: maintenance, mode: "on", flag: maintenance.flag}
                      - {id: switch, type: command, argv: [switch], undo: [switch-back]}
                      - {id: boom, type: command, argv: [boom]}
                    rollback:
                      - {id: restart-old, type: command, argv: [restart-old]}
                    """));

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::failure);
    List<String> calls = Fakes.LOG.calls();
    List<String> after = calls.subList(calls.indexOf("command boom") + 1, calls.size());
    assertEquals(
        List.of("command switch (undo)", "command restart-old", "maintenance off maint"),
        after.stream().filter(c -> !c.startsWith("notify ")).toList(),
        "users stay out until the old system is restarted");
    assertEquals(List.of("switch: COMPENSATED", "maint: COMPENSATED"), compensations(r));
    assertEquals(StepStatus.SUCCEEDED, r.rollback().steps().get(0).status());
    assertEquals(StepStatus.COMPENSATED, status(r, "maint"));
  }

  @Test
  void aFailedCompensationIsReportedAndTheOthersStillRun(
      WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("command boom", "exit 1");
    Fakes.LOG.failOn("command b (undo)", "permission denied");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    steps:
                      - {id: a, type: command, argv: [a], undo: [undo-a]}
                      - {id: b, type: command, argv: [b], undo: [undo-b, --all]}
                      - {id: c, type: command, argv: [c], undo: [undo-c]}
                      - {id: boom, type: command, argv: [boom]}
                    rollback:
                      - {id: verify-old, type: command, argv: [verify-old]}
                    """));

    assertEquals(RunStatus.ROLLBACK_FAILED, r.status());
    assertEquals(4, r.status().exitCode());
    assertEquals(
        List.of("c: COMPENSATED", "b: COMPENSATION_FAILED", "a: COMPENSATED"), compensations(r));
    assertTrue(
        Fakes.LOG.calls().containsAll(List.of("command a (undo)", "command verify-old")),
        () -> "the rest of the rollback still ran: " + Fakes.LOG.calls());
    CompensationReport failed = r.rollback().compensations().get(1);
    assertTrue(failed.error().contains("permission denied"), failed.error());
    assertEquals("run by hand: undo-b --all", failed.manual());
    assertEquals(StepStatus.COMPENSATION_FAILED, status(r, "b"));
    assertEquals(StepStatus.COMPENSATED, status(r, "a"));
    assertEquals(1, r.rollback().manualActions().size(), r.rollback().manualActions()::toString);
    String manual = r.rollback().manualActions().get(0);
    assertTrue(manual.startsWith("run by hand: undo-b --all (compensation of b failed: "), manual);
  }

  @Test
  void aFailedRollbackStepIsAManualAction(WorkflowClient client, WorkflowOptions options) {
    Fakes.LOG.failOn("command boom", "exit 1");
    Fakes.LOG.failOn("command restart-old", "exit 3");
    CutoverReport r =
        Runs.result(
            Runs.start(
                client,
                options,
                HEAD
                    + """
                    steps:
                      - {id: a, type: command, argv: [a], undo: [undo-a]}
                      - {id: boom, type: command, argv: [boom]}
                    rollback:
                      - {id: restart-old, type: command, description: restart the old app, argv: [restart-old]}
                      - {id: check-old, type: command, argv: [check-old]}
                    """));

    assertEquals(RunStatus.ROLLBACK_FAILED, r.status());
    assertEquals(List.of("a: COMPENSATED"), compensations(r));
    assertEquals(
        List.of(StepStatus.FAILED, StepStatus.SUCCEEDED),
        r.rollback().steps().stream().map(s -> s.status()).toList());
    assertEquals(1, r.rollback().manualActions().size());
    assertTrue(
        r.rollback()
            .manualActions()
            .get(0)
            .startsWith("rollback step 'restart-old' (restart the old app) failed: "),
        r.rollback().manualActions()::toString);
  }
}
