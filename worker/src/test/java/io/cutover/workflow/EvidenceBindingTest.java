package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionSignature;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.cutover.testing.Skipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals bound to the evidence they were given on, and signed approvals: a decision naming a
 * digest the gate no longer shows is refused with both digests and what changed; a gate with {@code
 * bindEvidence} refuses decisions without one; an approver with a public key counts only with a
 * valid, fresh signature made for this run, this gate and this verdict.
 */
class EvidenceBindingTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void aDecisionOnEvidenceThatChangedIsRefusedNamingTheChangeAndTheCurrentDigestCounts(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    // Latency over 500 ms from the 4th sample: the decide trigger fires at 1m30s; from the 14th
    // sample it is 400 ms, a new value the open decision cites (and below the limit, so the window
    // passes once the decision is to continue).
    service.script("err", 0.0);
    service.runs("latency_ms", 3, 100, 10, 800, 500, 400);
    Path plan =
        MonitorPlans.switchThenWatch(
            tmp,
            "bound",
            """
            - id: watch
              type: monitor
              window: 1h
              interval: 10s
              metrics:
                latency: {type: http, url: "%s", path: $.latency_ms, unit: ms}
              deciders: [olu]
              triggers:
                - {name: latency, when: latency > 500ms sustained 1 minute, action: decide, decideWithin: 30m}
            """
                .formatted(service.url("/metrics.json?m=latency")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport first =
        Skipping.until(
            env,
            wf,
            CutoverTesting.gateOpen("watch.latency"),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    String seen = first.openGate().digest();
    assertEquals(64, seen.length(), "a SHA-256 in hex: " + seen);
    assertTrue(
        first.openGate().evidence().toString().contains("800 ms"),
        first.openGate().evidence().toString());

    CutoverReport later =
        Skipping.until(
            env,
            wf,
            s -> s.openGate() != null && !seen.equals(s.openGate().digest()),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    String now = later.openGate().digest();
    WorkflowUpdateException stale =
        assertThrows(
            WorkflowUpdateException.class,
            () ->
                wf.decide(
                    new DecisionUpdate(
                        "watch.latency", "olu", "looked at it", true, seen, null, null)));
    String why = stale.getCause().getMessage();
    assertTrue(why.contains(seen) && why.contains(now), why);
    assertTrue(why.contains("800 ms") && why.contains("400 ms"), "says what changed: " + why);

    assertEquals(
        "approved",
        wf.decide(
            new DecisionUpdate("watch.latency", "olu", "back under 500", true, now, null, null)));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertTrue(
        r.audit().stream()
            .anyMatch(a -> a.kind().equals("approve") && a.detail().contains("on evidence " + now)),
        r.audit().toString());
  }

  @Test
  void aGateThatBindsItsEvidenceRefusesADecisionWithoutTheDigest(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, gatePlan("bindEvidence: true", "[alice]"), Map.of());
    CutoverReport open =
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(30));
    WorkflowUpdateException none =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.decide(new DecisionUpdate("go", "alice", "ok", true)));
    assertTrue(
        none.getCause().getMessage().contains("binds decisions to its evidence")
            && none.getCause().getMessage().contains(open.openGate().digest()),
        none.getCause().getMessage());
    assertEquals(
        "approved",
        wf.decide(
            new DecisionUpdate("go", "alice", "ok", true, open.openGate().digest(), null, null)));
    assertEquals(
        RunStatus.SUCCEEDED, WorkflowStub.fromTyped(wf).getResult(CutoverReport.class).status());
  }

  @Test
  void aSigningApproverCountsOnlyWithAFreshSignatureForThisRunGateAndVerdict(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    KeyPair alice = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair mallory = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pub = Base64.getEncoder().encodeToString(alice.getPublic().getEncoded());
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            gatePlan("", "[{name: alice, role: QA, publicKey: " + pub + "}]"),
            Map.of());
    CutoverReport open =
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(30));
    String wid = open.workflowId();
    String rid = open.runId();
    String digest = open.openGate().digest();
    String at = Instant.ofEpochMilli(env.currentTimeMillis()).toString();

    assertRefused(
        wf,
        new DecisionUpdate("go", "alice", "unsigned", true, digest, null, null),
        "signs decisions");
    assertRefused(wf, signed(mallory, wid, rid, "go", true, digest, at), "does not verify");
    assertRefused(wf, signed(alice, wid, "another-run", "go", true, digest, at), "does not verify");
    assertRefused(wf, signed(alice, wid, rid, "other-gate", true, digest, at), "does not verify");
    DecisionUpdate rejectSig = signed(alice, wid, rid, "go", false, digest, at);
    assertRefused(
        wf,
        new DecisionUpdate("go", "alice", null, true, digest, at, rejectSig.signature()),
        "does not verify");
    String old =
        Instant.ofEpochMilli(env.currentTimeMillis()).minus(Duration.ofMinutes(20)).toString();
    assertRefused(wf, signed(alice, wid, rid, "go", true, digest, old), "expired");

    // A signal gets no answer, so its refusal is kept in the report (a refused update never enters
    // the history: its sender was told at once).
    wf.approve(
        new Decision(
            "go",
            "alice",
            "forged",
            digest,
            at,
            signed(mallory, wid, rid, "go", true, digest, at).signature()));
    CutoverTesting.awaitStatus(wf, s -> !s.approvals().isEmpty(), Duration.ofSeconds(30));
    assertEquals("approved", wf.decide(signed(alice, wid, rid, "go", true, digest, at)));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, r.status());
    AuditEntry approve =
        r.audit().stream().filter(a -> a.kind().equals("approve")).findFirst().orElseThrow();
    assertTrue(approve.detail().contains("signature verified"), approve.toString());
    AuditEntry forged =
        r.audit().stream()
            .filter(a -> a.kind().equals("refused"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.audit().toString()));
    assertTrue(forged.detail().contains("does not verify"), forged.toString());
    assertEquals(
        1,
        r.audit().stream().filter(a -> a.kind().equals("refused")).count(),
        r.audit().toString());
    assertEquals("CHG-4711", r.change());
    assertNotEquals(null, r.planSha256());
  }

  private static DecisionUpdate signed(
      KeyPair key, String wid, String rid, String gate, boolean approve, String digest, String at)
      throws Exception {
    String sig =
        DecisionSignature.sign(
            key.getPrivate(),
            DecisionSignature.payload(wid, rid, gate, approve, digest, at, "alice"));
    return new DecisionUpdate("go", "alice", "signed", approve, digest, at, sig);
  }

  private static void assertRefused(CutoverWorkflow wf, DecisionUpdate d, String why) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> wf.decide(d));
    assertTrue(
        e.getCause().getMessage().contains(why),
        "expected '" + why + "' in: " + e.getCause().getMessage());
  }

  private Path gatePlan(String gateOption, String approvers) throws Exception {
    Path plan = tmp.resolve("gate.yaml");
    Files.writeString(
        plan,
        """
        name: bound gate
        anchor: test-bound
        target: bound
        change: CHG-4711
        steps:
          - id: switch
            type: command
            argv: [touch, switched]
            undo: [rm, -f, switched]
          - id: go
            type: gate
            prompt: 'Go?'
            approvers: %s
            %s
        """
            .formatted(approvers, gateOption));
    return plan;
  }
}
