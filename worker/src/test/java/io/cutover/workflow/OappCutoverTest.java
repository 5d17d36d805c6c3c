package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Histories;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Sqlite;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000 end to end: real SQLite files, the real stand-in API on loopback, time skipping. */
class OappCutoverTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  Path plan;
  Path db;
  int port;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("oapp-canonical-rebuild", tmp);
    db = plan.resolveSibling("work/oapp_production.db");
    port = Ports.free();
    // The 30-minute extended monitoring, shortened (its checkpoints and trigger spans scale).
    vars = Map.of("port", Integer.toString(port), "window", "20s");
  }

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  @Test
  void happyPathRebuildsTheHierarchyAndLeavesGovernanceUntouched(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverReport atGate =
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    assertEquals(RunStatus.AWAITING_APPROVAL, atGate.status());
    assertTrue(
        atGate.openGate().evidence().stream()
            .anyMatch(e -> e.name().contains("projects in backup")),
        "the gate shows the backup evidence being approved: " + atGate.openGate().evidence());
    String governanceBefore = governance();

    wf.approve(new Decision("go-no-go", "alice", "backup verified"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    Histories.recordIfAsked(client, wf, "oapp-happy-path");
    assertEquals(18, Sqlite.count(db, "projects_canonical"));
    assertEquals(38, Sqlite.count(db, "phases_canonical"));
    assertEquals(
        0,
        Long.parseLong(
            Sqlite.scalar(
                db,
                "SELECT COUNT(*) FROM phases_canonical p WHERE NOT EXISTS (SELECT 1 FROM"
                    + " projects_canonical j WHERE j.projectId = p.projectId)")));
    assertEquals(governanceBefore, governance(), "protected tables are byte-for-byte the same");
    assertEquals(
        "{\"count\":18}", get("/api/projects/count"), "the restarted API serves the new data");
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    assertEquals("alice", r.approvals().get(0).by());
    assertTrue(r.approvals().get(0).accepted());
    assertFalse(r.rollback().ran());

    JsonNode record = Json.MAPPER.readTree(Files.readString(Path.of(r.records().get(0))));
    assertEquals("SUCCESS", record.get("status").asText());
    assertEquals("oapp-canonical-schema-rebuild-20250802", record.get("anchor").asText());
    assertEquals("18", record.at("/validation/validate-production/projects_count/actual").asText());
    assertTrue(Files.readString(Path.of(r.records().get(1))).contains("RESULT: SUCCEEDED"));
  }

  @Test
  void orphanPhaseFailsValidationAndRestoresTheBackupByteForByte(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Files.writeString(
        plan.resolveSibling("notion/phases.csv"),
        "PH-999,OAPP-P99,Orphan phase,1,Done,Lost step\n",
        StandardOpenOption.APPEND);
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    wf.approve(new Decision("go-no-go", "alice", null));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    Histories.recordIfAsked(client, wf, "oapp-validation-rollback");
    StepReport validation = step(r, "validate-production");
    assertEquals(StepStatus.FAILED, validation.status());
    assertEquals(StepStatus.COMPENSATED, step(r, "truncate-canonical").status());
    assertEquals(StepStatus.COMPENSATED, step(r, "import-canonical").status());
    assertTrue(validation.error().contains("orphaned phases"), validation.error());
    assertTrue(
        validation.evidence().stream()
            .anyMatch(e -> e.name().equals("orphaned phases") && e.actual().contains("PH-999")));
    assertEquals(StepStatus.SKIPPED, step(r, "restart-services").status());

    Path backup = Path.of(step(r, "backup-production").artifacts().get(0));
    assertEquals(
        SafeFiles.sha256(backup),
        SafeFiles.sha256(db),
        "the database is the backup, byte for byte");
    assertEquals(12, Sqlite.count(db, "projects_canonical"), "the stale hierarchy is back");
    assertTrue(r.rollback().compensations().get(0).action().startsWith("restore database 'prod'"));
    assertEquals(
        "{\"count\":12}",
        get("/api/projects/count"),
        "the API was restarted on the restored database");
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
  }

  @Test
  void rejectAtTheGateChangesNothing(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    String before = SafeFiles.sha256(db);
    WorkflowUpdateException refused =
        Assertions.assertThrows(
            WorkflowUpdateException.class,
            () -> wf.decide(new DecisionUpdate("go-live", "mallory", null, true)),
            "the update tells the sender at once that the decision was refused");
    assertTrue(
        String.valueOf(refused.getCause().getMessage())
            .contains("gate 'go-live' is not open (the open gate is 'go-no-go')"),
        () -> String.valueOf(refused.getCause()));
    wf.approve(new Decision("some-other-gate", "mallory", "wrong gate"));
    wf.reject(new Decision("go-no-go", "bob", "change freeze"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals(before, SafeFiles.sha256(db));
    assertTrue(r.failure().contains("rejected by bob: change freeze"), r.failure());
    assertEquals(StepStatus.SKIPPED, step(r, "truncate-canonical").status());
    assertTrue(r.rollback().compensations().isEmpty(), "nothing destructive ran");
    assertFalse(
        r.approvals().get(0).accepted(), "a decision for a gate that is not open is refused");
    assertTrue(r.approvals().get(0).reason().contains("not open"));
  }

  @Test
  void gateTimeoutMeansNoGo(WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertTrue(r.failure().contains("no decision means no-go"), r.failure());
    assertEquals("TIMEOUT", r.approvals().get(0).decision());
    assertEquals(12, Sqlite.count(db, "projects_canonical"));
  }

  @Test
  void abortMidRunRestoresAndRestarts(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    wf.approve(new Decision("go-no-go", "alice", null));
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("restart-services"), Duration.ofSeconds(60));
    wf.abort(new AbortRequest("carol", "API errors in the canary"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    assertEquals("aborted by carol: API errors in the canary", r.failure());
    Histories.recordIfAsked(client, wf, "oapp-abort-mid-step");
    assertEquals(12, Sqlite.count(db, "projects_canonical"));
    assertEquals(
        SafeFiles.sha256(Path.of(step(r, "backup-production").artifacts().get(0))),
        SafeFiles.sha256(db));
    assertEquals("{\"count\":12}", get("/api/projects/count"));
  }

  @Test
  void cancellingTheWorkflowIsAnAbort(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    wf.approve(new Decision("go-no-go", "alice", null));
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("restart-services"), Duration.ofSeconds(60));
    WorkflowStub.fromTyped(wf).cancel();
    Assertions.assertThrows(
        WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(wf).getResult(CutoverReport.class),
        "Temporal closes a cancelled workflow as Canceled; the report stays readable through the"
            + " status query");
    CutoverReport r = wf.status();

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    assertTrue(r.failure().contains("cancelled"), r.failure());
    assertEquals(12, Sqlite.count(db, "projects_canonical"));
    assertEquals("{\"count\":12}", get("/api/projects/count"));
  }

  @Test
  void failedCompensationEndsRollbackFailedWithManualSteps(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Files.writeString(
        plan.resolveSibling("notion/phases.csv"),
        "PH-999,OAPP-P99,Orphan phase,1,Done,Lost step\n",
        StandardOpenOption.APPEND);
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    try (var files = Files.walk(plan.resolveSibling("backups"))) {
      files.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
    }
    wf.approve(new Decision("go-no-go", "alice", null));
    WorkflowFailedException failed =
        Assertions.assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(CutoverReport.class),
            "a failed rollback fails the workflow, loudly");
    ApplicationFailure af = (ApplicationFailure) rootApplicationFailure(failed);
    assertEquals("ROLLBACK_FAILED", af.getType());
    CutoverReport r = af.getDetails().get(CutoverReport.class);
    assertEquals(RunStatus.ROLLBACK_FAILED, r.status());
    assertEquals(StepStatus.COMPENSATION_FAILED, r.rollback().compensations().get(0).status());
    assertTrue(
        r.rollback().manualActions().get(0).contains("copy "),
        r.rollback().manualActions().toString());
    assertNotEquals(
        12, Sqlite.count(db, "projects_canonical"), "nothing could restore it: a person must");
  }

  private static Throwable rootApplicationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure) {
        return t;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + e);
  }

  private String governance() {
    return Sqlite.scalar(db, "SELECT group_concat(id || event || detail) FROM governance_logs")
        + Sqlite.scalar(db, "SELECT group_concat(id || channel || subject) FROM comms_canonical");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return resp.body();
  }
}
