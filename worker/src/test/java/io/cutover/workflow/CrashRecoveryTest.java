package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Sqlite;
import io.cutover.worker.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev server, the worker and the client in separate processes. The worker is killed with
 * SIGKILL while the run waits at the gate and again in the middle of a step; a new worker takes
 * over each time and the run ends exactly as an uninterrupted one does.
 */
class CrashRecoveryTest {
  @TempDir Path tmp;
  CutoverProcess server;
  CutoverProcess worker;
  WorkflowServiceStubs stubs;
  WorkflowClient client;
  int temporalPort;
  int workers;

  @BeforeEach
  void startServerAndWorker() {
    temporalPort = Ports.free();
    server = CutoverProcess.start(tmp.resolve("logs/dev-server.log"), "dev-server", "--port", Integer.toString(temporalPort));
    CutoverProcess.awaitPort(temporalPort, 60);
    worker = newWorker();
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    client = WorkflowClient.newInstance(stubs, WorkerSetup.clientOptions());
  }

  @AfterEach
  void stopAll() {
    if (worker != null) {
      worker.close();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
    Processes.killFromPidFiles(tmp);
  }

  private CutoverProcess newWorker() {
    workers++;
    return CutoverProcess.start(tmp.resolve("logs/worker-" + workers + ".log"),
        "worker", "--address", "127.0.0.1:" + temporalPort).awaitLog("polling task queue", 60);
  }

  private CutoverWorkflow start(String name, Path plan, int port) {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("cutover-crash-" + name).setTaskQueue(CutoverWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of("port", Integer.toString(port)), false));
    return wf;
  }

  private static String canonical(Path db) {
    return Sqlite.scalar(db, "SELECT group_concat(projectId || projectName || ifnull(startDate,''), '|') FROM (SELECT * FROM projects_canonical ORDER BY projectId)")
        + Sqlite.scalar(db, "SELECT group_concat(phaseId || projectId || sequence, '|') FROM (SELECT * FROM phases_canonical ORDER BY phaseId)")
        + Sqlite.scalar(db, "SELECT group_concat(phaseId || stepOrder || stepName, '|') FROM (SELECT * FROM steps_canonical ORDER BY phaseId, stepOrder)");
  }

  @Test
  void killedWorkerAtTheGateAndMidStepIsReplacedAndTheRunEndsTheSame() throws Exception {
    Path planA = Examples.copy("oapp-canonical-rebuild", tmp.resolve("a"));
    CutoverWorkflow a = start("uninterrupted", planA, Ports.free());
    CutoverTesting.awaitStatus(a, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    a.decide(new DecisionUpdate("go-no-go", "alice", null, true));
    CutoverReport baseline = io.temporal.client.WorkflowStub.fromTyped(a).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, baseline.status(), () -> baseline.toString());

    Path planB = Examples.copy("oapp-canonical-rebuild", tmp.resolve("b"));
    CutoverWorkflow b = start("interrupted", planB, Ports.free());
    CutoverTesting.awaitStatus(b, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    worker.kill9();
    worker = newWorker();
    b.decide(new DecisionUpdate("go-no-go", "alice", null, true));

    CutoverTesting.awaitStatus(b, CutoverTesting.stepRunning("restart-services"), Duration.ofSeconds(60));
    worker.kill9();
    long killedAt = System.nanoTime();
    worker = newWorker();
    CutoverReport r = io.temporal.client.WorkflowStub.fromTyped(b).getResult(CutoverReport.class);
    double resumeSeconds = (System.nanoTime() - killedAt) / 1e9;

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r.toString());
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    Path dbA = planA.resolveSibling("work/oapp_production.db");
    Path dbB = planB.resolveSibling("work/oapp_production.db");
    assertEquals(canonical(dbA), canonical(dbB), "same canonical data as the uninterrupted run: nothing lost or doubled");
    assertEquals(Sqlite.scalar(dbA, "SELECT group_concat(id || event || detail) FROM governance_logs"),
        Sqlite.scalar(dbB, "SELECT group_concat(id || event || detail) FROM governance_logs"));
    Path backup = Path.of(r.steps().get(0).artifacts().get(0));
    assertEquals(SafeFiles.sha256(backup), java.nio.file.Files.readString(backup.resolveSibling(backup.getFileName() + ".sha256")).trim(),
        "the backup still verifies");
    assertEquals(18, Sqlite.count(dbB, "projects_canonical"));
    assertEquals(38, Sqlite.count(dbB, "phases_canonical"));
    assertEquals("2", Sqlite.scalar(dbB, "SELECT COUNT(*) FROM cutover_ledger WHERE step_id = 'import-canonical'"),
        "one ledger entry per imported file: each file applied once");
    assertTrue(resumeSeconds < 60, "resumed and finished within a minute of the kill: " + resumeSeconds);
  }

  @Test
  void aWorkerStoppedWithSigtermHandsItsRunningCommandToTheNextWorkerInsteadOfFailingIt() throws Exception {
    Path plan = tmp.resolve("term/plan.yaml");
    java.nio.file.Files.createDirectories(plan.getParent());
    java.nio.file.Files.writeString(plan, String.join("\n",
        "name: sigterm drill",
        "anchor: sigterm-drill-1",
        "target: sigterm-drill",
        "steps:",
        "  - id: slow",
        "    type: command",
        // The first attempt would take 30 s; the ones after it take 1 s.
        "    argv: [sh, -c, 'first=$(test -e attempts.txt || echo yes); echo \"started $$\" >> attempts.txt;"
            + " if [ -n \"$first\" ]; then sleep 30; else sleep 1; fi; echo \"done $$\" >> attempts.txt']",
        ""));
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("cutover-sigterm-drill").setTaskQueue(CutoverWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
    Path attempts = plan.resolveSibling("attempts.txt");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while ((!java.nio.file.Files.exists(attempts) || java.nio.file.Files.readString(attempts).isEmpty())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String firstPid = java.nio.file.Files.readAllLines(attempts).get(0).split(" ")[1];
    long stopAsked = System.nanoTime();
    worker.term();
    double stopSeconds = (System.nanoTime() - stopAsked) / 1e9;
    assertFalse(ProcessHandle.of(Long.parseLong(firstPid)).map(io.cutover.activities.process.ProcessRunner::isRunning).orElse(false),
        "the running command was stopped with its worker, not left behind as an orphan");
    assertTrue(stopSeconds < 25, "the worker stopped its command instead of waiting for it: " + stopSeconds + " s");
    worker = newWorker();
    CutoverReport r = io.temporal.client.WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "a graceful shutdown is not a failed step: " + r);
    java.util.List<String> lines = java.nio.file.Files.readAllLines(attempts);
    assertFalse(lines.contains("done " + firstPid), "the stopped attempt never finished: " + lines);
    assertTrue(lines.stream().filter(l -> l.startsWith("started")).count() >= 2, "the stopped command ran again: " + lines);
    assertEquals(1, lines.stream().filter(l -> l.startsWith("done")).count(), "exactly one attempt finished: " + lines);
    assertTrue(lines.get(lines.size() - 1).startsWith("done"), lines.toString());
  }
}
