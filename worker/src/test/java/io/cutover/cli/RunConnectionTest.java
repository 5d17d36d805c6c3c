package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which server {@code cutover run} uses, and what Ctrl-C does to it: no silent fallback to an
 * in-process server when a configured address does not answer, a server-backed run survives the
 * command's Ctrl-C, and an embedded run is aborted only when the user presses it twice.
 */
class RunConnectionTest {
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

  @Test
  void aConfiguredAddressThatDoesNotAnswerIsAnErrorNamingItNotAnEmbeddedRun() {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    String address = "127.0.0.1:" + Ports.free();
    CutoverProcess byFlag =
        CutoverProcess.start(
            tmp.resolve("logs/flag.log"),
            "run",
            plan.toString(),
            "--approve-all",
            "--address",
            address);
    assertEquals(ExitCodes.ERROR, byFlag.exitCode(60), byFlag::log);
    assertTrue(
        byFlag
            .log()
            .contains("the Temporal server at " + address + " (from --address) does not answer"),
        byFlag::log);
    assertTrue(
        byFlag.log().contains("--embedded"),
        "it says how to run without a server: " + byFlag.log());

    CutoverProcess byEnv =
        CutoverProcess.start(
            tmp.resolve("logs/env.log"),
            Map.of("TEMPORAL_ADDRESS", address),
            "run",
            plan.toString(),
            "--approve-all");
    assertEquals(ExitCodes.ERROR, byEnv.exitCode(60), byEnv::log);
    assertTrue(
        byEnv.log().contains(address + " (from TEMPORAL_ADDRESS) does not answer"), byEnv::log);
    assertTrue(!plan.resolveSibling("work").toFile().exists(), "no step ran anywhere");
  }

  @Test
  void ctrlCDetachesFromAServerBackedRunWhichGoesOnAndCanBeApproved() throws Exception {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    CutoverProcess run =
        CutoverProcess.startInterruptible(
            tmp.resolve("logs/run.log"),
            Map.of(),
            "run",
            plan.toString(),
            "--address",
            temporal.address(),
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");
    run.awaitLog("waiting for a decision", 90);
    run.interrupt();
    int code = run.exitCode(60);
    assertEquals(130, code, "the JVM's exit on SIGINT: " + run.log());
    String out = run.log();
    assertTrue(
        out.contains(
            "Detached from cutover-oapp-production: the run goes on on the Temporal server at "
                + temporal.address()),
        out);
    assertTrue(out.contains("cutover worker --address " + temporal.address()), out);
    assertTrue(out.contains("cutover approve cutover-oapp-production --gate GATE --by NAME"), out);

    worker = temporal.workerProcess(tmp.resolve("logs/worker.log"));
    CutoverWorkflow wf =
        temporal.client().newWorkflowStub(CutoverWorkflow.class, "cutover-oapp-production");
    CutoverReport atGate =
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    assertEquals(
        RunStatus.AWAITING_APPROVAL,
        atGate.status(),
        "Ctrl-C neither aborted nor rolled back the run");
    wf.decide(new DecisionUpdate("go-no-go", "alice", "after the terminal was closed", true));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
  }

  @Test
  void ctrlCOnAnEmbeddedRunAsksAndOnlyASecondCtrlCAbortsIt() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    CutoverProcess run =
        CutoverProcess.startInterruptible(
            tmp.resolve("logs/embedded.log"),
            Map.of(),
            "run",
            plan.toString(),
            "--embedded",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");
    run.awaitLog("waiting for a decision", 90);
    run.interrupt();
    run.awaitLog("Press Ctrl-C again within 5 s to abort it and roll back", 10);
    Thread.sleep(6000);
    assertTrue(run.alive(), "one Ctrl-C does not end an embedded run: " + run.log());
    run.interrupt();
    run.awaitLog("Press Ctrl-C again", 10);
    Thread.sleep(500);
    run.interrupt();
    int code = run.exitCode(180);
    assertEquals(ExitCodes.ROLLED_BACK, code, run::log);
    assertTrue(run.log().contains("Aborting the run; waiting for its rollback"), run::log);
    assertTrue(run.log().contains("interrupted at the terminal (Ctrl-C, confirmed)"), run::log);
  }
}
