package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.cli.CutoverCommand;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.RealTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Temporal dev server and two workers in their own processes, one per host, each owning a
 * folder. Steps that name a host run on that host's worker; a step for a host with no worker says
 * so while it waits and then fails naming the host.
 */
class MultiHostTest {
  @TempDir static Path tmp;
  static RealTemporal temporal;
  static CutoverProcess workerA;
  static CutoverProcess workerB;
  static WorkflowClient client;
  static String address;

  @BeforeAll
  static void startServerAndHostWorkers() {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    address = temporal.address();
    workerA =
        CutoverProcess.start(
            tmp.resolve("logs/worker-a.log"), "worker", "--address", address, "--host", "app-a");
    workerB =
        CutoverProcess.start(
            tmp.resolve("logs/worker-b.log"), "worker", "--address", address, "--host", "db-b");
    workerA.awaitLog("polling task queue", 60);
    workerB.awaitLog("polling task queue", 60);
    client = temporal.client();
  }

  @AfterAll
  static void stopAll() {
    for (AutoCloseable c : new AutoCloseable[] {workerA, workerB}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort
      }
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  /** A command step that writes the pid of the worker that ran it (its parent) into a folder. */
  private static String tagStep(String id, String host, Path folder) {
    return String.join(
        "\n",
        "  - id: " + id,
        "    type: command",
        "    host: " + host,
        "    cwd: " + folder,
        "    argv: [/bin/sh, -c, 'echo \"$PPID\" > ran-here.txt']");
  }

  private CutoverWorkflow start(String id, Path plan) {
    CutoverWorkflow wf =
        client.newWorkflowStub(
            CutoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                .build());
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
    return wf;
  }

  private static Path plan(String name, String... steps) throws Exception {
    Path plan = tmp.resolve(name + ".yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: multi-host " + name,
            "anchor: multi-host-" + name,
            "target: " + name,
            "resources:",
            "  hosts:",
            "    app-a: {description: application server}",
            "    db-b: {description: database server}",
            "    batch-c: {description: batch server with no worker running, workerWait: 6s}",
            "    batch-d: {description: batch server with no worker running, workerWait: 10m}",
            "steps:",
            String.join("\n", steps),
            ""));
    return plan;
  }

  @Test
  void eachStepRunsOnTheWorkerOfItsHost() throws Exception {
    Path folderA = Files.createDirectories(tmp.resolve("owned-by-a"));
    Path folderB = Files.createDirectories(tmp.resolve("owned-by-b"));
    Path plan =
        plan("two-hosts", tagStep("on-app", "app-a", folderA), tagStep("on-db", "db-b", folderB));
    CutoverWorkflow wf = start("cutover-two-hosts", plan);
    CutoverReport r =
        WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
    assertEquals(
        Long.toString(workerA.pid()),
        Files.readString(folderA.resolve("ran-here.txt")).trim(),
        "the step for host app-a ran as a child of worker A");
    assertEquals(
        Long.toString(workerB.pid()),
        Files.readString(folderB.resolve("ran-here.txt")).trim(),
        "the step for host db-b ran as a child of worker B");
    StepReport onApp = r.steps().get(0);
    assertTrue(
        onApp.evidence().stream()
            .anyMatch(
                e ->
                    e.name().equals("worker")
                        && e.actual().contains("serving host app-a")
                        && e.actual().contains("pid " + workerA.pid())),
        () -> "the report names the worker: " + onApp.evidence());
  }

  @Test
  void aHostWithoutAWorkerIsFoundBeforeTheFirstStepWhichNeverRuns() throws Exception {
    Path folderA = Files.createDirectories(tmp.resolve("owned-by-a-2"));
    Path plan =
        plan(
            "no-worker",
            tagStep("on-app", "app-a", folderA),
            "  - {id: on-batch, type: command, host: batch-c, argv: [/bin/true]}");
    CutoverWorkflow wf = start("cutover-no-worker", plan);

    CutoverReport waiting =
        CutoverTesting.awaitStatus(
            wf,
            s -> s.steps().size() == 2 && s.steps().get(1).summary() != null,
            Duration.ofSeconds(30));
    StepReport batch = waiting.steps().get(1);
    assertEquals(StepStatus.PENDING, batch.status(), "preflight: nothing has run yet");
    assertTrue(
        batch
            .summary()
            .startsWith("waiting for a worker on host 'batch-c' (task queue cutover-batch-c)"),
        batch::summary);
    StringWriter shown = new StringWriter();
    CutoverCommand.run(
        new PrintWriter(shown, true),
        new PrintWriter(new StringWriter(), true),
        "status",
        "cutover-no-worker",
        "--address",
        address);
    assertTrue(
        shown.toString().contains("waiting for a worker on host 'batch-c'"),
        () -> "cutover status says so too: " + shown);

    CutoverReport r =
        WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, CutoverReport.class);
    assertEquals(RunStatus.PREFLIGHT_FAILED, r.status(), r::toString);
    assertEquals(1, r.preflight().size(), r.preflight()::toString);
    assertTrue(
        r.preflight()
            .get(0)
            .startsWith(
                "no worker on host 'batch-c' picked up the preflight checks of its steps within"
                    + " 6s"),
        r.preflight()::toString);
    assertTrue(
        r.preflight().get(0).contains("cutover worker --host batch-c"), r.preflight()::toString);
    assertTrue(
        r.steps().stream().allMatch(s -> s.status() == StepStatus.SKIPPED),
        "no step ran: " + r.steps());
    assertTrue(
        !Files.exists(folderA.resolve("ran-here.txt")),
        "the step on host app-a, first in the plan, never ran");
    assertTrue(!r.rollback().ran(), "nothing changed, nothing to roll back");
  }

  @Test
  void anAbortEndsTheWaitForAWorkerAtOnce() throws Exception {
    Path plan =
        plan("abort-wait", "  - {id: on-batch, type: command, host: batch-d, argv: [/bin/true]}");
    CutoverWorkflow wf = start("cutover-abort-wait", plan);
    CutoverTesting.awaitStatus(
        wf,
        s -> !s.steps().isEmpty() && s.steps().get(0).summary() != null,
        Duration.ofSeconds(30));
    wf.abort(new AbortRequest("carol", "host batch-d is being replaced"));
    // Without the abort ending the wait, the result would take the host's 10 minute worker wait.
    CutoverReport r =
        WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, CutoverReport.class);
    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    assertEquals("aborted by carol: host batch-d is being replaced", r.failure());
  }
}
