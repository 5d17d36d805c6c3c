package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.OappOutcome;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.RealTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Temporal dev server, the worker and the client in separate processes. The worker is
 * killed with SIGKILL while the run waits at the gate and again in the middle of a step; a new
 * worker takes over each time and the run ends exactly as an uninterrupted one does.
 */
class CrashRecoveryTest {
  @TempDir Path tmp;
  RealTemporal temporal;
  CutoverProcess worker;
  WorkflowClient client;
  int workers;

  @BeforeEach
  void startServerAndWorker() {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    worker = newWorker();
    client = temporal.client();
  }

  @AfterEach
  void stopAll() {
    if (worker != null) {
      worker.close();
    }
    if (temporal != null) {
      temporal.close();
    }
    Processes.killFromPidFiles(tmp);
  }

  private CutoverProcess newWorker() {
    workers++;
    return temporal.workerProcess(tmp.resolve("logs/worker-" + workers + ".log"));
  }

  private CutoverWorkflow start(String name, Path plan, int port) {
    CutoverWorkflow wf =
        client.newWorkflowStub(
            CutoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("cutover-crash-" + name)
                .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(
        wf::run,
        CutoverInput.ofPlanFile(
            plan.toString(), Map.of("port", Integer.toString(port), "window", "20s"), false));
    return wf;
  }

  @Test
  void killedWorkerAtTheGateAndMidStepIsReplacedAndTheRunEndsTheSame() throws Exception {
    Path planA = Examples.copy("oapp-canonical-rebuild", tmp.resolve("a"));
    CutoverWorkflow a = start("uninterrupted", planA, Ports.free());
    CutoverTesting.awaitStatus(a, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    a.decide(new DecisionUpdate("go-no-go", "alice", null, true));
    CutoverReport baseline = WorkflowStub.fromTyped(a).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, baseline.status(), () -> baseline.toString());

    Path planB = Examples.copy("oapp-canonical-rebuild", tmp.resolve("b"));
    CutoverWorkflow b = start("interrupted", planB, Ports.free());
    CutoverTesting.awaitStatus(b, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    worker.kill9();
    worker = newWorker();
    b.decide(new DecisionUpdate("go-no-go", "alice", null, true));

    CutoverTesting.awaitStatus(
        b, CutoverTesting.stepRunning("restart-services"), Duration.ofSeconds(60));
    worker.kill9();
    long killedAt = System.nanoTime();
    worker = newWorker();
    CutoverReport r = WorkflowStub.fromTyped(b).getResult(CutoverReport.class);
    double resumeSeconds = (System.nanoTime() - killedAt) / 1e9;

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r.toString());
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    OappOutcome expected = OappOutcome.of(planA);
    OappOutcome actual = OappOutcome.of(planB);
    assertEquals(
        expected,
        actual,
        "same canonical data, governance history and ledger as the uninterrupted run: nothing lost"
            + " or doubled");
    Path backup = Path.of(r.steps().get(0).artifacts().get(0));
    assertEquals(
        SafeFiles.sha256(backup),
        Files.readString(backup.resolveSibling(backup.getFileName() + ".sha256")).trim(),
        "the backup still verifies");
    assertEquals(18, actual.projects());
    assertEquals(38, actual.phases());
    assertEquals(
        "2",
        actual.importLedgerEntries(),
        "one ledger entry per imported file: each file applied once");
    assertTrue(
        resumeSeconds < 60, "resumed and finished within a minute of the kill: " + resumeSeconds);
  }

  @Test
  void aWorkerStoppedWithSigtermHandsItsRunningCommandToTheNextWorkerInsteadOfFailingIt()
      throws Exception {
    Path plan = tmp.resolve("term/plan.yaml");
    Files.createDirectories(plan.getParent());
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: sigterm drill",
            "anchor: sigterm-drill-1",
            "target: sigterm-drill",
            "steps:",
            "  - id: slow",
            "    type: command",
            // The first attempt would take 30 s; the ones after it take 1 s.
            "    argv: [sh, -c, 'first=$(test -e attempts.txt || echo yes); echo \"started $$\" >>"
                + " attempts.txt; if [ -n \"$first\" ]; then sleep 30; else sleep 1; fi; echo"
                + " \"done $$\" >> attempts.txt']",
            ""));
    CutoverWorkflow wf =
        client.newWorkflowStub(
            CutoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("cutover-sigterm-drill")
                .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
    Path attempts = plan.resolveSibling("attempts.txt");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while ((!Files.exists(attempts) || Files.readString(attempts).isEmpty())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String firstPid = Files.readAllLines(attempts).get(0).split(" ")[1];
    long stopAsked = System.nanoTime();
    worker.term();
    double stopSeconds = (System.nanoTime() - stopAsked) / 1e9;
    assertFalse(
        ProcessHandle.of(Long.parseLong(firstPid)).map(ProcessRunner::isRunning).orElse(false),
        "the running command was stopped with its worker, not left behind as an orphan");
    assertTrue(
        stopSeconds < 25,
        "the worker stopped its command instead of waiting for it: " + stopSeconds + " s");
    worker = newWorker();
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(
        RunStatus.SUCCEEDED, r.status(), () -> "a graceful shutdown is not a failed step: " + r);
    List<String> lines = Files.readAllLines(attempts);
    assertFalse(lines.contains("done " + firstPid), "the stopped attempt never finished: " + lines);
    assertTrue(
        lines.stream().filter(l -> l.startsWith("started")).count() >= 2,
        "the stopped command ran again: " + lines);
    assertEquals(
        1,
        lines.stream().filter(l -> l.startsWith("done")).count(),
        "exactly one attempt finished: " + lines);
    assertTrue(lines.get(lines.size() - 1).startsWith("done"), lines.toString());
  }
}
