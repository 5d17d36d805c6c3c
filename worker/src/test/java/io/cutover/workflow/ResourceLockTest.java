package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.RealTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cutover per resource, on the real dev server: while a run holds a plan's database, service
 * and files, a second run of the same plan under another workflow id (here started from raw JSON
 * with the real {@code temporal} CLI, as from the UI) stops before its first step, naming the
 * holder; a run on another copy is not held up; the hold ends when the holder ends, also when it is
 * terminated without a chance to give anything back.
 */
class ResourceLockTest {
  @TempDir static Path serverDir;
  @TempDir Path tmp;
  static RealTemporal temporal;
  static WorkflowClient client;

  @BeforeAll
  static void serverAndWorker() {
    temporal = RealTemporal.start(serverDir, false);
    temporal.worker(null);
    client = temporal.client();
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  static CutoverWorkflow start(String id, Path plan, String port) {
    CutoverWorkflow wf =
        client.newWorkflowStub(
            CutoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(
        wf::run,
        CutoverInput.ofPlanFile(plan.toString(), Map.of("port", port, "window", "20s"), false));
    return wf;
  }

  static CutoverReport result(String id) throws Exception {
    return client.newUntypedWorkflowStub(id).getResult(120, TimeUnit.SECONDS, CutoverReport.class);
  }

  /**
   * Starts a run the way the UI's form or {@code temporal workflow start --input} does: raw JSON.
   */
  static void startRaw(String id, Path plan, String port) throws Exception {
    Process p =
        new ProcessBuilder(
                temporal.cliArgs(
                    "workflow",
                    "start",
                    "--type",
                    "CutoverWorkflow",
                    "--task-queue",
                    "cutover",
                    "--workflow-id",
                    id,
                    "--input",
                    "{\"planFile\": \""
                        + plan
                        + "\", \"vars\": {\"port\": \""
                        + port
                        + "\", \"window\": \"20s\"}}"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void aSecondRunOfTheSameResourcesIsRefusedNamingTheHolderUntilTheHolderEnds() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp.resolve("prod"));
    String port = Integer.toString(Ports.free());
    CutoverWorkflow a = start("cutover-lock-holder", plan, port);
    CutoverTesting.awaitStatus(a, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));

    startRaw("cutover-lock-second", plan, port);
    CutoverReport second = result("cutover-lock-second");
    assertEquals(RunStatus.PREFLIGHT_FAILED, second.status(), second::toString);
    assertTrue(
        second.preflight().stream()
            .anyMatch(
                p ->
                    p.startsWith(
                            "database 'prod' (sqlite:"
                                + plan.resolveSibling("work/oapp_production.db"))
                        && p.contains("is held by the running cutover cutover-lock-holder")),
        second.preflight()::toString);
    assertTrue(
        second.steps().stream().allMatch(s -> s.status() == StepStatus.SKIPPED), "nothing ran");

    Path other = Examples.copy("oapp-canonical-rebuild", tmp.resolve("staging"));
    CutoverWorkflow elsewhere =
        start("cutover-lock-elsewhere", other, Integer.toString(Ports.free()));
    CutoverTesting.awaitStatus(
        elsewhere, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    elsewhere.abort(new AbortRequest("test", "only needed to get this far"));
    assertEquals(
        RunStatus.ROLLED_BACK,
        result("cutover-lock-elsewhere").status(),
        "another copy's resources are not held up");

    a.decide(new DecisionUpdate("go-no-go", "alice", null, true));
    assertEquals(RunStatus.SUCCEEDED, result("cutover-lock-holder").status());

    CutoverWorkflow next = start("cutover-lock-next", plan, port);
    CutoverTesting.awaitStatus(next, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    client.newUntypedWorkflowStub("cutover-lock-next").terminate("the operator killed it");

    CutoverWorkflow after = start("cutover-lock-after-terminate", plan, port);
    CutoverReport atGate =
        CutoverTesting.awaitStatus(
            after, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
    assertTrue(
        atGate.preflight().isEmpty(), "a terminated holder holds nothing: " + atGate.preflight());
    after.abort(new AbortRequest("test", "done"));
    assertEquals(RunStatus.ROLLED_BACK, result("cutover-lock-after-terminate").status());
  }
}
