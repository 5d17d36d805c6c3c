package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.ApprovalRecord;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.MonitorView;
import io.cutover.api.NotificationRecord;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Histories;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.cutover.testing.Ports;
import io.cutover.testing.Skipping;
import io.cutover.workflow.watch.MonitorResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * People in the loop: decide triggers, quorum gates, checkpoints with sign-off, webhooks that fail.
 */
class DecisionsTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  private Path plan(String head, String steps) throws Exception {
    return MonitorPlans.switchThenWatch(tmp, "decisions", head, steps);
  }

  /** Latency over 500 ms from the 4th sample for ten samples: the decide trigger fires at 1m30s. */
  private Path latencyPlan() throws Exception {
    service.runs("latency_ms", 3, 100, 10, 800, 1, 100);
    return plan(
        """
        notify:
          - {name: ops-chat, url: "%s", on: [trigger-fired, gate-opened]}
        """
            .formatted(service.url("/hook")),
        """
        - id: watch
          type: monitor
          window: 1h
          interval: 10s
          metrics:
            latency: {type: http, url: "%s", path: $.latency_ms, unit: ms}
            err: {type: http, url: "%s", path: $.err, unit: ratio}
          deciders: [{name: olu, role: Operations Lead}]
          triggers:
            - name: latency
              when: latency > 500ms sustained 1 minute
              action: decide
              decideWithin: 15m
            - name: errors
              when: err > 5%%
        """
            .formatted(service.url("/metrics.json?m=latency"), service.url("/metrics.json?m=err")));
  }

  @Test
  void continuingAfterADecideTriggerWatchesOnAndPasses(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("err", 0.0);
    CutoverWorkflow wf = CutoverTesting.start(client, options, latencyPlan(), Map.of());
    CutoverReport atGate =
        Skipping.until(
            env,
            wf,
            CutoverTesting.gateOpen("watch.latency"),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    assertTrue(
        atGate.openGate().prompt().contains("latency 800 ms against > 500 ms"),
        atGate.openGate().prompt());
    assertEquals(List.of("olu (Operations Lead)"), atGate.openGate().approvers());
    assertEquals("awaiting-decision", atGate.monitors().get(0).triggers().get(0).state());
    wf.approve(new Decision("watch.latency", "olu", "GC pause, tuned; watching"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    MonitorView v = r.monitors().get(0);
    assertEquals(361, v.samples(), "the window went on to its end");
    assertEquals(1, v.triggers().get(0).continued());
    ApprovalRecord d = r.approvals().get(0);
    assertEquals(
        List.of("watch.latency", "APPROVE", "olu", "Operations Lead", "GC pause, tuned; watching"),
        List.of(d.gate(), d.decision(), d.by(), d.role(), d.comment()));
    List<String> events =
        r.notifications().stream().map(NotificationRecord::event).sorted().toList();
    assertEquals(
        List.of("gate-opened", "trigger-fired"),
        events,
        "messages go out in the background, in any order");
    assertTrue(
        service.hooks().stream().allMatch(h -> h.contains("latency 800 ms")),
        service.hooks().toString());
  }

  @Test
  void rejectingADecideGateRollsBack(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("err", 0.0);
    CutoverWorkflow wf = CutoverTesting.start(client, options, latencyPlan(), Map.of());
    Skipping.until(
        env,
        wf,
        CutoverTesting.gateOpen("watch.latency"),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10));
    wf.reject(new Decision("watch.latency", "olu", "not fixed"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(
        r.failure()
            .contains(
                "decision: roll back — gate 'watch.latency' rejected by olu (Operations Lead): not"
                    + " fixed"),
        r.failure());
    assertEquals(StepStatus.COMPENSATED, r.steps().get(0).status());
    assertFalse(Files.exists(tmp.resolve("switched")));
  }

  @Test
  void noDecisionBeforeTheDeadlineRollsBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    service.script("err", 0.0);
    CutoverWorkflow wf = CutoverTesting.start(client, options, latencyPlan(), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().contains("got no decision within 15m"), r.failure());
    assertEquals("TIMEOUT", r.approvals().get(0).decision());
    Instant fired = Instant.parse(r.monitors().get(0).startedAt()).plusSeconds(90);
    long waited = Duration.between(fired, Instant.parse(r.approvals().get(0).at())).toMillis();
    assertTrue(
        waited >= 15 * 60_000 && waited < 15 * 60_000 + 2_000,
        "15 minutes from the firing sample: " + waited + " ms");
  }

  @Test
  void aRollbackTriggerCutsAnOpenDecisionShort(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    service.runs("err", 12, 0.0, 1, 0.2);
    CutoverWorkflow wf = CutoverTesting.start(client, options, latencyPlan(), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(
        r.failure().startsWith("step 'watch' failed: trigger 'errors' (err > 5%) fired: err 20%"),
        r.failure());
    assertTrue(
        r.approvals().isEmpty(), "the latency gate closed without a decision: " + r.approvals());
    assertEquals(13, r.monitors().get(0).samples(), "sampling went on while the gate was open");
  }

  @Test
  void anAbortDuringAWindowStopsItAndRollsBack(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("err", 0.0);
    CutoverWorkflow wf = CutoverTesting.start(client, options, latencyPlan(), Map.of());
    Skipping.until(
        env,
        wf,
        s -> !s.monitors().isEmpty() && s.monitors().get(0).samples() >= 5,
        Duration.ofSeconds(10),
        Duration.ofMinutes(5));
    wf.abort(new AbortRequest("carol", "customer escalation"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals("aborted by carol: customer escalation", r.failure());
    assertFalse(Files.exists(tmp.resolve("switched")));
    String window = r.monitors().get(0).workflowId();
    MonitorResult stopped = client.newUntypedWorkflowStub(window).getResult(MonitorResult.class);
    assertEquals(
        MonitorResult.STOPPED, stopped.outcome(), "the window was told to stop, and stopped");
    assertTrue(
        stopped.view().samples() < 361,
        "before its hour was up: " + stopped.view().samples() + " samples");
  }

  private Path quorumPlan(String quorum, String roles) throws Exception {
    return plan(
        "",
        """
        - id: signoff
          type: gate
          prompt: Pre-cutover approval
          approvers:
            - {name: ann, role: Engineering Lead}
            - {name: olu, role: Operations Lead}
            - {name: dee, role: Data Quality}
          quorum: %s
          roles: %s
          timeout: 30m
        """
            .formatted(quorum, roles));
  }

  @Test
  void quorumAllRefusesDuplicatesAndStrangersAndAnyRejectIsNoGo(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, quorumPlan("all", "[]"), Map.of());
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("signoff"), Duration.ofSeconds(30));
    assertEquals("approved", wf.decide(new DecisionUpdate("signoff", "ann", "ready", true)));
    WorkflowUpdateException dup =
        Assertions.assertThrows(
            WorkflowUpdateException.class,
            () -> wf.decide(new DecisionUpdate("signoff", "Ann", "again", false)));
    assertTrue(
        String.valueOf(dup.getCause().getMessage()).contains("one decision per person"),
        dup.getCause().getMessage());
    wf.approve(new Decision("signoff", "eve", "I am not listed"));
    wf.approve(new Decision("signoff", "olu", null));
    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf,
            s -> s.openGate() != null && s.openGate().pending().equals(List.of("dee")),
            Duration.ofSeconds(30));
    assertEquals("all of 3 approvers", waiting.openGate().quorum());
    wf.reject(new Decision("signoff", "dee", "null spot checks fail"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(
        r.failure()
            .contains("gate 'signoff' rejected by dee (Data Quality): null spot checks fail"),
        r.failure());
    List<String> log =
        r.approvals().stream()
            .map(a -> a.by() + " " + a.decision() + " " + (a.accepted() ? "applied" : "refused"))
            .toList();
    assertEquals(
        List.of(
            "ann APPROVE applied",
            "eve APPROVE refused",
            "olu APPROVE applied",
            "dee REJECT applied"),
        log,
        "the refused duplicate came through the update's validator and never entered history");
    r.approvals().forEach(a -> assertNotNull(a.at()));
  }

  @Test
  void aMissingRequiredRoleMeansNoGoAtTheDeadline(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, quorumPlan("2", "[Data Quality]"), Map.of());
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("signoff"), Duration.ofSeconds(30));
    wf.approve(new Decision("signoff", "ann", null));
    wf.approve(new Decision("signoff", "olu", null));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), "two approvals, but none from Data Quality");
    ApprovalRecord timeout = r.approvals().get(2);
    assertEquals("TIMEOUT", timeout.decision());
    assertTrue(timeout.comment().endsWith("no decision from dee"), timeout.comment());
  }

  @Test
  void checkpointsRunAtTheirScaledOffsetWithASignOff(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("err", 0.0);
    Path plan =
        plan(
            "",
            """
            - id: watch
              type: monitor
              window: 30m
              nominal: 1h
              interval: 10s
              metrics:
                err: {type: http, url: "%s", path: $.err, unit: ratio}
              triggers:
                - when: err > 5%% for 10 minutes
              checkpoints:
                - name: minute-20
                  at: 20m
                  steps:
                    - {id: validation-suite, type: command, argv: [sh, -c, "echo KPI PASS > validation.txt"]}
                    - id: stability-signoff
                      type: gate
                      prompt: Metrics stable?
                      approvers: [{name: ann, role: Engineering Lead}, {name: olu, role: Operations Lead}]
                      quorum: all
                - name: end
                  at: 1h
                  onFailure: rollback
                  steps:
                    - {id: final-validation, type: command, argv: [test, -f, validation.txt]}
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport atGate =
        Skipping.until(
            env,
            wf,
            CutoverTesting.gateOpen("stability-signoff"),
            Duration.ofSeconds(30),
            Duration.ofMinutes(20));
    MonitorView mid = atGate.monitors().get(0);
    long offset =
        Duration.between(
                Instant.parse(mid.startedAt()), Instant.parse(atGate.openGate().openedAt()))
            .toSeconds();
    assertTrue(
        offset >= 600 && offset < 615,
        "20m of a nominal hour is 10m of this 30m window: " + offset + "s");
    assertTrue(
        atGate.openGate().evidence().stream()
            .anyMatch(e -> e.name().equals("minute-20 · validation-suite")),
        atGate.openGate().evidence().toString());
    wf.approve(new Decision("stability-signoff", "ann", null));
    wf.approve(new Decision("stability-signoff", "olu", null));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    List<String> notes = r.monitors().get(0).checkpoints();
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(
        notes
            .get(0)
            .startsWith("checkpoint minute-20 (20m, at 10m00s in this shortened window): passed"),
        notes.get(0));
    assertTrue(notes.get(1).startsWith("checkpoint end (1h, at 30m00s"), notes.get(1));
    assertEquals(181, r.monitors().get(0).samples(), "sampling went on during the sign-off");
  }

  @Test
  void aFailingCheckpointRollsBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    service.script("err", 0.0);
    Path plan =
        plan(
            "",
            """
            - id: watch
              type: monitor
              window: 30m
              interval: 10s
              metrics:
                err: {type: http, url: "%s", path: $.err, unit: ratio}
              checkpoints:
                - name: hour-1
                  at: 5m
                  steps:
                    - {id: audit-trail, type: command, argv: [sh, -c, "echo 'Audit Trail: FAIL'; exit 1"]}
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().contains("checkpoint hour-1 (5m): audit-trail failed"), r.failure());
    assertTrue(
        r.monitors().get(0).samples() <= 32,
        "the window stopped at the checkpoint: " + r.monitors().get(0).samples());
    assertFalse(Files.exists(tmp.resolve("switched")));
    Histories.recordIfAsked(client, wf, "checkpoint-rollback-stops-window");
  }

  @Test
  void failingWebhooksAreRecordedAndIgnored(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Path plan =
        plan(
            """
            notify:
              - {name: ops-chat, url: "%s", body: {text: "{{event}}: {{message}}", channel: "#cutover"}}
              - {name: pager, url: "%s"}
              - {name: gone, url: "http://127.0.0.1:%d/hook"}
            """
                .formatted(
                    service.url("/hook?slowFirst=2000"), service.url("/broken-hook"), Ports.free()),
            """
            - id: announce
              type: notify
              message: Maintenance starts now
              url: "%s"
            - id: go
              type: gate
              prompt: Go?
            """
                .formatted(service.url("/broken-hook")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(30));
    // Approved while ops-chat is still taking its gate-opened message (it answers 2 s late): the
    // run-ended message to it must still come second.
    wf.approve(new Decision("go", "alice", null));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertTrue(
        r.steps().get(1).evidence().get(0).actual().startsWith("NOT delivered (ignored): HTTP 500"),
        r.steps().get(1).evidence().toString());
    Map<String, List<String>> byHook = new TreeMap<>();
    for (NotificationRecord n : r.notifications()) {
      byHook
          .computeIfAbsent(n.hook(), k -> new ArrayList<>())
          .add(n.event() + (n.delivered() ? "" : " FAILED"));
    }
    assertEquals(
        Map.of(
            "announce", List.of("step FAILED"),
            "ops-chat", List.of("gate-opened", "run-ended"),
            "pager", List.of("gate-opened FAILED", "run-ended FAILED"),
            "gone", List.of("gate-opened FAILED", "run-ended FAILED")),
        byHook);
    assertEquals(2, service.hooks().size());
    assertTrue(
        service.hooks().get(1).contains("\"text\":\"run-ended: cutover SUCCEEDED\""),
        service.hooks().get(1));
    assertNull(r.failure());
    Histories.recordIfAsked(client, wf, "webhooks-in-order");
  }
}
