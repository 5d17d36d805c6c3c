package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.api.WindowWait;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Histories;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change windows on the time-skipping test server, whose clock starts on Sunday 2026-03-08 at 00:30
 * in Berlin: inside Saturday's 22:00-02:00 window, which crossed midnight.
 */
class ChangeWindowTest {
  static final Instant START = Instant.parse("2026-03-07T23:30:00Z");

  @RegisterExtension
  static final TestWorkflowExtension temporal = CutoverTesting.extensionAt(START);

  @TempDir Path tmp;

  /** A read-only first step, then the first step that changes something. */
  Path plan(String schedule) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: change window
        anchor: window-1
        target: window
        %s
        steps:
          - {id: look, type: wait, duration: 1s}
          - {id: switch, type: command, argv: [touch, switched], undo: [rm, -f, switched]}
        """
            .formatted(schedule));
    return plan;
  }

  static AuditEntry window(CutoverReport r) {
    return r.audit().stream()
        .filter(a -> a.kind().equals("window"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(r.audit()));
  }

  @Test
  void insideAWindowThatCrossedMidnightTheRunGoesOn(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan(
                """
                budget: {total: 1h}
                schedule:
                  windows: [{days: [SAT], from: "22:00", to: "02:00", timezone: Europe/Berlin}]
                """),
            Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertTrue(
        Duration.between(START, Instant.parse(step(r, "switch").startedAt())).toMinutes() < 1,
        step(r, "switch").startedAt());
    assertEquals(
        "change window SAT 22:00-02:00 Europe/Berlin open until 2026-03-08T01:00:00Z (budget.total"
            + " 1h)",
        window(r).detail());
    assertEquals("cutover", window(r).by());
  }

  @Test
  void tooLittleOfTheWindowLeftWaitsForTheNextOne(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan(
                """
                budget: {total: 2h}
                schedule:
                  windows: [{days: [SAT], from: "22:00", to: "02:00", timezone: Europe/Berlin}]
                """),
            Map.of());
    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf, s -> s.status() == RunStatus.WAITING_FOR_WINDOW, Duration.ofSeconds(30));
    WindowWait w = waiting.windowWait();
    assertEquals("2026-03-14T21:00:00Z", w.opensAt(), "next Saturday, 22:00 in Berlin");
    assertEquals("2026-03-15T01:00:00Z", w.closesAt());
    assertTrue(
        w.reason()
            .matches(
                "the open window SAT 22:00-02:00 Europe/Berlin closes at 2026-03-08T01:00:00Z:"
                    + " 1h(29|30)m left, less than budget.total 2h"),
        w.reason());
    assertEquals(
        StepStatus.SUCCEEDED, step(waiting, "look").status(), "what only reads runs at once");
    assertEquals(StepStatus.PENDING, step(waiting, "switch").status());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    Instant switched = Instant.parse(step(r, "switch").startedAt());
    assertTrue(
        !switched.isBefore(Instant.parse("2026-03-14T21:00:00Z"))
            && switched.isBefore(Instant.parse("2026-03-14T21:01:00Z")),
        "the change started when the window opened: " + switched);
    assertTrue(
        window(r)
            .detail()
            .startsWith(
                "waited 6d21h for the schedule (SAT 22:00-02:00 Europe/Berlin); change window"),
        window(r).detail());
    assertTrue(
        r.budget().totalSeconds() < 120 && r.budget().withinBudget(),
        "the budget counts from the window: " + r.budget());
    assertNull(r.windowWait());
    Histories.recordIfAsked(client, wf, "change-window-wait");
  }

  @Test
  void notBeforeThenTheWindowsDays(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan(
                """
                schedule:
                  notBefore: 2026-03-10T00:00:00Z
                  windows: [{days: [MON-FRI], from: "06:00", to: "18:00", timezone: UTC}]
                """),
            Map.of());
    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf, s -> s.status() == RunStatus.WAITING_FOR_WINDOW, Duration.ofSeconds(30));
    assertEquals("not before 2026-03-10T00:00:00Z", waiting.windowWait().reason());
    assertEquals(
        "2026-03-10T06:00:00Z",
        waiting.windowWait().opensAt(),
        "Monday the 9th is before notBefore: Tuesday at six");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertTrue(
        step(r, "switch").startedAt().startsWith("2026-03-10T06:00:"),
        step(r, "switch").startedAt());
  }

  @Test
  void anAbortWhileWaitingEndsWithNothingChanged(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan(
                """
                schedule:
                  windows: [{days: [WED], from: "22:00", to: "23:30"}]
                """),
            Map.of());
    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf, s -> s.status() == RunStatus.WAITING_FOR_WINDOW, Duration.ofSeconds(30));
    assertEquals("no change window is open", waiting.windowWait().reason());
    assertEquals("2026-03-11T22:00:00Z", waiting.windowWait().opensAt());
    wf.abort(new AbortRequest("carol", "postponed"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(3, r.status().exitCode());
    assertEquals("aborted by carol: postponed", r.failure());
    assertTrue(r.rollback().nothingChanged(), "nothing had changed: the report says so");
    assertTrue(r.rollback().compensations().isEmpty(), r.rollback()::toString);
    assertEquals(StepStatus.SKIPPED, step(r, "switch").status());
    assertFalse(Files.exists(tmp.resolve("switched")));
    assertTrue(
        Duration.between(START, Instant.parse(r.endedAt())).toMinutes() < 5,
        "it did not wait for the window: " + r.endedAt());
  }

  @Test
  void aDryRunDoesNotWait(WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(
        wf::run,
        CutoverInput.ofPlanFile(
            plan("""
            schedule:
              windows: [{days: [WED], from: "22:00", to: "23:30"}]
            """)
                .toString(),
            Map.of(),
            true));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertTrue(r.dryRun());
    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertTrue(
        Duration.between(START, Instant.parse(r.endedAt())).toMinutes() < 5,
        "no wait for Wednesday: " + r.endedAt());
    assertFalse(Files.exists(tmp.resolve("switched")));
  }
}
