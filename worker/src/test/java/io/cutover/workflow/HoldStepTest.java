package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.Evidence;
import io.cutover.api.ReleaseRequest;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Histories;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.cutover.testing.Skipping;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hold} step on the time-skipping test server: it waits until its conditions have held
 * for {@code stableFor} and not a check sooner, a release with a reason ends it early (one without
 * is refused), an abort rolls back, and its deadline rolls back or asks. Each plan switches
 * something first (a file the rollback removes), holds, then does one more step.
 */
class HoldStepTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  /**
   * switch (undone by a rollback), then the hold given, then {@code after} (touches after-hold).
   */
  private Path plan(String head, String hold) throws Exception {
    return MonitorPlans.switchThenWatch(
        tmp,
        "hold",
        head,
        hold
            + """
            - id: after
              type: command
              argv: [touch, after-hold]
            """);
  }

  /**
   * A hold that never ends by itself before its deadline: it waits for a flag file nobody writes.
   */
  private Path neverHolding(String tail) throws Exception {
    return plan(
        "",
        """
        - id: drained
          type: hold
          conditions:
            - {name: drain flag, file: {path: drained.flag}}
          interval: 10s
        """
            + tail);
  }

  @Test
  void holdsUntilItsConditionsHeldForStableForAndAFlipBackResetsTheClock(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    // One check every 10 s: 5, 3, then 0 twice, a relapse to 2, then 0 for good.
    service.script("queue", 5, 3, 0, 0, 2, 0);
    Path plan =
        plan(
            "",
            """
            - id: drained
              type: hold
              metrics:
                queue_depth: {type: http, url: "%s", path: $.queue, unit: count}
              conditions:
                - until: queue_depth == 0
              stableFor: 30s
              interval: 10s
              deadline: 10m
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    StepReport hold = step(r, "drained");
    // 0 from 20 s, broken at 40 s, 0 again from 50 s: stable for 30 s at 80 s, the 9th check.
    assertEquals("all 1 condition(s) held for 30s after 1m20s (9 checks)", hold.summary());
    assertEquals(9, service.scrapes(), "not one check more or fewer");
    long took =
        Duration.between(Instant.parse(hold.startedAt()), Instant.parse(hold.endedAt())).toMillis();
    assertTrue(
        took >= 80_000 && took < 85_000,
        "the hold ended 80 s in, not at 50 s (before the relapse reset it): " + took);
    Evidence queue = hold.evidence().get(0);
    assertEquals(
        List.of("queue_depth == 0", "== 0", "0", "true"),
        List.of(queue.name(), queue.expected(), queue.actual(), String.valueOf(queue.ok())));
    assertTrue(Files.exists(tmp.resolve("after-hold")), "the run went on after the hold");
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(r.workflowId()), CutoverWorkflowImpl.class);
  }

  @Test
  void aReleaseWithAReasonEndsTheHoldEarlyAndIsAuditedOneWithoutIsRefused(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, neverHolding("  deadline: 1h\n"), Map.of());
    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf,
            s -> s.steps().stream().anyMatch(x -> x.id().equals("drained") && x.summary() != null),
            Duration.ofSeconds(60));
    StepReport live = step(waiting, "drained");
    assertTrue(live.summary().startsWith("holding: 0 of 1 condition(s) hold"), live.summary());
    assertEquals(new Evidence("drain flag", "present", "absent", false), live.evidence().get(0));
    String details =
        WorkflowStub.fromTyped(wf)
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();
    assertTrue(
        details.contains("**Holding** `drained`")
            && details.contains("✗ drain flag: absent (waits for present)")
            && details.contains("cutover release"),
        details);

    wf.release(new ReleaseRequest("drained", "alice", " "));
    wf.release(new ReleaseRequest("backup", "alice", "wrong step"));
    wf.release(
        new ReleaseRequest(
            "drained",
            "alice",
            "drained by hand: the queue's last message is a known poison message"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    Histories.recordIfAsked(client, wf, "hold-released");
    StepReport hold = step(r, "drained");
    assertTrue(
        hold.summary()
            .startsWith(
                "released by alice: drained by hand: the queue's last message is a known poison"
                    + " message"),
        hold.summary());
    assertTrue(
        hold.evidence().contains(new Evidence("drain flag", "present", "absent", false)),
        hold.evidence().toString());
    List<String> audit =
        r.audit().stream().map(a -> a.kind() + " " + a.by() + " " + a.detail()).toList();
    assertEquals(3, audit.size(), audit.toString());
    assertTrue(
        audit
            .get(0)
            .startsWith(
                "refused alice release of hold drained — no reason given (not applied: a release"
                    + " needs a reason"),
        audit.get(0));
    assertTrue(
        audit
            .get(1)
            .contains("not applied: hold 'backup' is not waiting (the waiting hold is 'drained')"),
        audit.get(1));
    assertEquals(
        "release alice hold drained — drained by hand: the queue's last message is a known poison"
            + " message",
        audit.get(2));
    assertTrue(r.audit().stream().map(AuditEntry::at).allMatch(at -> at != null));
    assertTrue(Files.exists(tmp.resolve("after-hold")));
  }

  @Test
  void anAbortDuringTheHoldRollsBackAtOnce(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, neverHolding("  deadline: 1h\n"), Map.of());
    CutoverTesting.awaitStatus(
        wf,
        s -> s.steps().stream().anyMatch(x -> x.id().equals("drained") && x.summary() != null),
        Duration.ofSeconds(60));
    wf.abort(new AbortRequest("carol", "bridge call said stop"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals("aborted by carol: bridge call said stop", r.failure());
    StepReport hold = step(r, "drained");
    assertEquals(StepStatus.FAILED, hold.status());
    assertTrue(
        hold.evidence().contains(new Evidence("drain flag", "present", "absent", false)),
        hold.evidence().toString());
    long took =
        Duration.between(Instant.parse(hold.startedAt()), Instant.parse(hold.endedAt())).toMillis();
    assertTrue(took < 60_000, "ended at once, not at its deadline: " + took);
    assertEquals(StepStatus.COMPENSATED, step(r, "switch").status());
    assertFalse(Files.exists(tmp.resolve("switched")), "the switch was undone");
    assertEquals(StepStatus.SKIPPED, step(r, "after").status());
  }

  @Test
  void atItsDeadlineAHoldRollsBackShowingEachConditionsLastValue(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, neverHolding("  deadline: 2m\n"), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(
        "step 'drained' failed: hold 'drained': deadline 2m reached, 0 of 1 condition(s) held at"
            + " the last check",
        r.failure());
    StepReport hold = step(r, "drained");
    assertEquals(new Evidence("drain flag", "present", "absent", false), hold.evidence().get(0));
    assertTrue(
        hold.evidence().contains(Evidence.info("checks", "13 every 10s")),
        "a check at 0 s, every 10 s, the last at the deadline: " + hold.evidence());
    assertFalse(Files.exists(tmp.resolve("switched")));
    assertFalse(Files.exists(tmp.resolve("after-hold")));
  }

  private Path deciding() throws Exception {
    return neverHolding(
        """
          deadline: 2m
          onDeadline: decide
          deciders: [{name: olu, role: Operations Lead}]
          decideWithin: 10m
        """);
  }

  @Test
  void aDeadlineDecisionToGoOnContinuesTheRun(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, deciding(), Map.of());
    CutoverReport atGate =
        Skipping.until(
            env,
            wf,
            CutoverTesting.gateOpen("drained.deadline"),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5));
    assertTrue(
        atGate
            .openGate()
            .prompt()
            .startsWith(
                "hold 'drained': deadline 2m reached, 0 of 1 condition(s) held at the last check."),
        atGate.openGate().prompt());
    assertEquals(List.of("olu (Operations Lead)"), atGate.openGate().approvers());
    assertTrue(
        atGate
            .openGate()
            .evidence()
            .contains(new Evidence("drain flag", "present", "absent", false)));
    wf.release(new ReleaseRequest("drained", "olu", "too late for a release"));
    wf.approve(new Decision("drained.deadline", "olu", "drained by hand"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    Histories.recordIfAsked(client, wf, "hold-deadline-decision");
    StepReport hold = step(r, "drained");
    assertEquals(
        "deadline 2m reached with 0 of 1 condition(s) held at the last check; went on, approved by"
            + " olu (Operations Lead): drained by hand",
        hold.summary());
    assertTrue(
        r.audit()
            .get(0)
            .detail()
            .contains("waits for a decision: approve or reject gate 'drained.deadline'"),
        r.audit().toString());
    assertTrue(Files.exists(tmp.resolve("after-hold")));
  }

  @Test
  void aDeadlineDecisionToRollBackRollsBack(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, deciding(), Map.of());
    Skipping.until(
        env,
        wf,
        CutoverTesting.gateOpen("drained.deadline"),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5));
    wf.reject(new Decision("drained.deadline", "olu", "queue still growing"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(
        r.failure()
            .endsWith(
                "decision: roll back — gate 'drained.deadline' rejected by olu (Operations Lead):"
                    + " queue still growing"),
        r.failure());
    assertFalse(Files.exists(tmp.resolve("switched")));
  }

  @Test
  void aDryRunDescribesTheHoldInsteadOfWaiting(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(
        wf::run,
        CutoverInput.ofPlanFile(neverHolding("  deadline: 1h\n").toString(), Map.of(), true));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    StepReport hold = step(r, "drained");
    assertEquals(
        "[dry run] would hold until 1 condition(s) hold, checked every 10s, for at most 1h (then"
            + " rollback)",
        hold.summary());
    assertTrue(
        hold.evidence().contains(Evidence.info("condition", "drain flag")),
        hold.evidence().toString());
    long took =
        Duration.between(Instant.parse(hold.startedAt()), Instant.parse(hold.endedAt())).toMillis();
    assertTrue(took < 60_000, "described, not waited: " + took);
  }
}
