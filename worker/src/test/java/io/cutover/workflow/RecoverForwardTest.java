package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverReport;
import io.cutover.api.OpenFailure;
import io.cutover.api.RecoverRequest;
import io.cutover.api.RunStatus;
import io.cutover.api.StepDecision;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Histories;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recover forward: a failed step with {@code onFailure: decide} waits for retry, skip or rollback;
 * a required step cannot be skipped; no decision in time means rollback.
 */
class RecoverForwardTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  /** prepare (undone on rollback), load (fails until the file 'fixed' exists), after. */
  Path plan(String head, String loadExtra) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: recover forward
        anchor: recover-1
        target: recover
        %s
        steps:
          - {id: prepare, type: command, argv: [touch, prepared], undo: [rm, -f, prepared]}
          - id: load
            type: command
            description: load the extract
            argv: [test, -f, fixed]
        %s
          - {id: after, type: command, argv: [touch, after]}
        """
            .formatted(head, loadExtra.indent(4)));
    return plan;
  }

  static CutoverReport awaitDecision(CutoverWorkflow wf) {
    return CutoverTesting.awaitStatus(
        wf, r -> r.status() == RunStatus.AWAITING_DECISION, Duration.ofSeconds(30));
  }

  static List<String> audit(CutoverReport r) {
    return r.audit().stream().map(a -> a.kind() + " " + a.by()).toList();
  }

  static String refusal(Runnable update) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, update::run);
    return ((ApplicationFailure) e.getCause()).getOriginalMessage();
  }

  @Test
  void aRetryAfterTheFixRunsTheStepAgainAndGoesOn(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client, options, plan("", "onFailure: decide\ndecideWithin: 30m"), Map.of());
    CutoverReport waiting = awaitDecision(wf);
    OpenFailure f = waiting.openFailure();
    assertEquals("load", f.step());
    assertEquals(1, f.attempt());
    assertTrue(f.error().contains("exit"), f.error());
    assertEquals(List.of("retry", "skip", "rollback"), f.choices());
    assertEquals(
        Duration.ofMinutes(30),
        Duration.between(Instant.parse(f.openedAt()), Instant.parse(f.deadline())));
    assertEquals(StepStatus.FAILED, step(waiting, "load").status());
    assertFalse(
        Files.exists(tmp.resolve("after")), "nothing after the failed step runs while it waits");

    Files.writeString(tmp.resolve("fixed"), "");
    assertEquals(
        "retry step 'load'",
        wf.recover(new RecoverRequest("load", "retry", "alice", "created the extract")));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    StepReport load = step(r, "load");
    assertEquals(StepStatus.SUCCEEDED, load.status());
    assertTrue(load.summary().startsWith("attempt 2: "), load.summary());
    assertTrue(
        load.evidence().stream()
            .anyMatch(
                e ->
                    e.name().equals("attempt 1")
                        && e.actual().startsWith("failed: ")
                        && e.actual().endsWith("retried by alice: created the extract")),
        load.evidence()::toString);
    assertTrue(Files.exists(tmp.resolve("after")));
    assertTrue(audit(r).contains("retry alice"), r.audit()::toString);
    assertNull(r.openFailure());
    Histories.recordIfAsked(client, wf, "recover-forward-retry");
  }

  @Test
  void aSkipNeedsAReasonAndIsRecorded(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, plan("", "onFailure: decide"), Map.of());
    awaitDecision(wf);
    assertEquals(
        "a skip needs a reason: set \"comment\" (it goes into the report and the audit trail)",
        refusal(() -> wf.recover(new RecoverRequest("load", "skip", "bob", " "))));
    assertEquals(
        "step 'after' is not waiting for a decision (the failed step is 'load')",
        refusal(() -> wf.recover(new RecoverRequest("after", "retry", "bob", null))));
    assertEquals(
        "action 'ignore' is not one of retry, skip, rollback",
        refusal(() -> wf.recover(new RecoverRequest("load", "ignore", "bob", null))));
    assertEquals(
        "no name: set \"by\" to your name",
        refusal(() -> wf.recover(new RecoverRequest("load", "retry", null, null))));
    wf.retry(new StepDecision("prepare", "eve", null));
    wf.skip(new StepDecision("load", "bob", "loaded by hand from the vendor's file"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    StepReport load = step(r, "load");
    assertEquals(StepStatus.SKIPPED, load.status());
    assertEquals(
        "skipped by bob after attempt 1 failed: loaded by hand from the vendor's file",
        load.summary());
    assertNull(load.error(), "the error moved into the evidence");
    assertTrue(
        load.evidence().stream()
            .anyMatch(e -> e.name().equals("attempt 1") && e.actual().endsWith("skipped")),
        load.evidence()::toString);
    assertTrue(Files.exists(tmp.resolve("after")));
    assertEquals(
        List.of("refused eve", "skip bob"),
        audit(r),
        "refused updates never reach the run; a refused signal is recorded");
    AuditEntry refused = r.audit().get(0);
    assertTrue(
        refused.detail().contains("not applied: step 'prepare' is not waiting for a decision"),
        refused.detail());
    Histories.recordIfAsked(client, wf, "recover-forward-skip");
  }

  @Test
  void aRequiredStepCannotBeSkippedAndRollbackRollsBack(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(
            client, options, plan("", "onFailure: decide\nrequired: true"), Map.of());
    CutoverReport waiting = awaitDecision(wf);
    assertEquals(List.of("retry", "rollback"), waiting.openFailure().choices());
    assertTrue(waiting.openFailure().required());
    assertEquals(
        "step 'load' is required (required: true) and cannot be skipped: retry it or roll back",
        refusal(() -> wf.recover(new RecoverRequest("load", "skip", "bob", "not needed"))));
    assertEquals(
        "rollback step 'load'",
        wf.recover(new RecoverRequest("load", "rollback", "carol", "vendor file is corrupt")));
    assertEquals(
        "step 'load' was already decided: rollback by carol",
        refusal(() -> wf.recover(new RecoverRequest("load", "retry", "dave", null))));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().startsWith("step 'load' failed: "), r.failure());
    assertTrue(
        r.failure().endsWith(" — carol chose to roll back: vendor file is corrupt"), r.failure());
    assertEquals(StepStatus.COMPENSATED, step(r, "prepare").status());
    assertFalse(Files.exists(tmp.resolve("prepared")), "the rollback undid the first step");
    assertFalse(r.rollback().nothingChanged());
    assertTrue(audit(r).contains("rollback carol"), r.audit()::toString);
  }

  @Test
  void noDecisionWithinDecideWithinRollsBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    // The plan's default: every step decides; this one within 20 minutes.
    CutoverWorkflow wf =
        CutoverTesting.start(
            client, options, plan("onFailure: decide", "decideWithin: 20m"), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(
        r.failure().endsWith(" — no decision within 20m (onFailure: decide), which means rollback"),
        r.failure());
    long waited =
        Duration.between(
                Instant.parse(step(r, "load").endedAt()), Instant.parse(r.rollback().startedAt()))
            .toMillis();
    assertTrue(
        waited >= 20 * 60_000 && waited < 20 * 60_000 + 5_000,
        "20 minutes after the failure: " + waited + " ms");
    assertEquals(List.of("timeout cutover"), audit(r));
    assertFalse(Files.exists(tmp.resolve("prepared")));
  }

  @Test
  void signalsAsTheUiSendsThemAndAMalformedOneIsDropped(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, plan("", "onFailure: decide"), Map.of());
    awaitDecision(wf);
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    RawPayloadTest.signal(env, id, "retry", "{\"step\": {\"not\": \"text\"}, \"by\": 7}");
    RawPayloadTest.signal(env, id, "pause", "{\"by\": \"olu\", \"comment\": \"from the UI\"}");
    RawPayloadTest.signal(
        env, id, "skip", "{\"step\": \"load\", \"by\": \"olu\", \"comment\": \"done by hand\"}");
    CutoverReport held =
        CutoverTesting.awaitStatus(wf, r -> r.status() == RunStatus.PAUSED, Duration.ofSeconds(30));
    assertEquals(
        StepStatus.SKIPPED,
        step(held, "load").status(),
        "skipped, and the paused run holds before 'after'");
    RawPayloadTest.signal(env, id, "resume", "{\"by\": \"olu\"}");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    assertEquals(
        List.of("pause olu", "skip olu", "resume olu"),
        audit(r),
        "the malformed signal was dropped, the run went on");
  }

  @Test
  void anAbortWhileADecisionIsOpenRollsBack(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        CutoverTesting.start(client, options, plan("", "onFailure: decide"), Map.of());
    awaitDecision(wf);
    wf.abort(new AbortRequest("carol", "change freeze"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals("aborted by carol: change freeze", r.failure());
    assertNull(r.openFailure());
    assertFalse(Files.exists(tmp.resolve("prepared")));
  }
}
