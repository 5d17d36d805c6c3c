package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Temporal dev server, its runs in a SQLite file, killed with SIGKILL while a gate waits
 * and again while a step runs, and restarted on the same file each time. The worker (its own
 * process) says what the outage means and when the server is back; the run goes on where it was and
 * ends exactly as an uninterrupted one: same data, each file imported once, one backup.
 */
class ServerCrashTest {
  @TempDir Path tmp;
  RealTemporal temporal;
  CutoverProcess worker;

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

  private static CutoverWorkflow start(WorkflowClient client, String id, Path plan) {
    CutoverWorkflow wf =
        client.newWorkflowStub(
            CutoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(
        wf::run,
        CutoverInput.ofPlanFile(
            plan.toString(),
            Map.of("port", Integer.toString(Ports.free()), "window", "20s"),
            false));
    return wf;
  }

  private static long files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void theServerKilledAtTheGateAndMidStepRestartsOnItsFileAndTheRunEndsAsAnUninterruptedOne()
      throws Exception {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    Path workerLog = tmp.resolve("logs/worker.log");
    worker = temporal.workerProcess(workerLog);
    WorkflowClient client = temporal.client();

    Path planA = Examples.copy("oapp-canonical-rebuild", tmp.resolve("a"));
    CutoverWorkflow a = start(client, "cutover-server-crash-baseline", planA);
    CutoverTesting.awaitStatus(a, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    a.decide(new DecisionUpdate("go-no-go", "alice", null, true));
    CutoverReport baseline = WorkflowStub.fromTyped(a).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, baseline.status(), baseline::toString);

    Path planB = Examples.copy("oapp-canonical-rebuild", tmp.resolve("b"));
    String id = "cutover-server-crash";
    CutoverWorkflow b = start(client, id, planB);
    CutoverTesting.awaitStatus(b, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));

    temporal.kill();
    worker.awaitLog("TEMPORAL SERVER UNREACHABLE at " + temporal.address(), 30);
    assertTrue(
        Files.readString(workerLog).contains("wait where they are and go on when it is back"),
        "the worker's log says what the outage means for runs");
    assertTrue(worker.alive(), "the worker keeps running through the outage");
    temporal.restart();
    worker.awaitLog("answers again after", 30);
    CutoverReport atGate =
        CutoverTesting.awaitStatus(b, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    assertEquals(
        RunStatus.AWAITING_APPROVAL,
        atGate.status(),
        "the restarted server still holds the run at its gate");
    b.decide(new DecisionUpdate("go-no-go", "alice", null, true));

    CutoverTesting.awaitStatus(
        b, CutoverTesting.stepRunning("restart-services"), Duration.ofSeconds(60));
    temporal.kill();
    temporal.restart();
    long back = System.nanoTime();
    CutoverTesting.awaitStatus(
        client.newWorkflowStub(CutoverWorkflow.class, id),
        r ->
            r.steps().stream()
                .anyMatch(
                    s -> s.id().equals("restart-services") && s.status() == StepStatus.SUCCEEDED),
        Duration.ofSeconds(90));
    double resumeSeconds = (System.nanoTime() - back) / 1e9;
    CutoverReport r = client.newUntypedWorkflowStub(id).getResult(CutoverReport.class);
    System.out.printf(
        "server_kill resume: %.1f s from the restarted server answering to the interrupted step"
            + " done%n",
        resumeSeconds);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED), r::toString);
    assertEquals(
        OappOutcome.of(planA),
        OappOutcome.of(planB),
        "same data, governance history and ledger: nothing lost or done twice");
    assertEquals(
        files(planA.resolveSibling("backups")),
        files(planB.resolveSibling("backups")),
        "one backup, in its two places");
    assertEquals(
        baseline.steps().stream().map(s -> s.id() + "=" + s.status()).toList(),
        r.steps().stream().map(s -> s.id() + "=" + s.status()).toList());
  }
}
