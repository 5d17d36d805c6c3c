package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.Ports;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal server dies under a running worker and comes back: the worker says so in its log
 * in plain words, keeps running, and serves new runs once the server answers again.
 */
class ServerOutageTest {
  @TempDir Path tmp;

  @Test
  void aWorkerOutlivesAServerRestartAndReportsTheOutage() throws Exception {
    int port = Ports.free();
    Path workerLog = tmp.resolve("logs/worker.log");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, String.join("\n",
        "name: outage drill",
        "anchor: outage-drill-1",
        "target: outage-drill",
        "steps:",
        "  - {id: mark, type: command, argv: [touch, marked]}",
        ""));
    CutoverProcess server = CutoverProcess.start(tmp.resolve("logs/dev-server-1.log"), "dev-server", "--port", Integer.toString(port));
    CutoverProcess.awaitPort(port, 60);
    try (CutoverProcess worker = CutoverProcess.start(workerLog, "worker", "--address", "127.0.0.1:" + port)
        .awaitLog("polling task queue", 60)) {
      server.kill9();
      worker.awaitLog("TEMPORAL SERVER UNREACHABLE at 127.0.0.1:" + port, 30);
      assertTrue(Files.readString(workerLog).contains("an in-memory dev server (cutover dev-server, cutover run's embedded one) loses its runs"),
          "the log says what the outage means for runs");
      assertTrue(worker.alive(), "the worker keeps running through the outage");

      server = CutoverProcess.start(tmp.resolve("logs/dev-server-2.log"), "dev-server", "--port", Integer.toString(port));
      CutoverProcess.awaitPort(port, 60);
      worker.awaitLog("answers again after", 30);

      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkerSetup.clientOptions());
        CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("cutover-outage-drill").setTaskQueue(CutoverWorkflow.TASK_QUEUE).build());
        WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
        CutoverReport r = WorkflowStub.fromTyped(wf).getResult(90, TimeUnit.SECONDS, CutoverReport.class);
        assertEquals(RunStatus.SUCCEEDED, r.status(), "the same worker process ran a new cutover after the restart: " + r);
        assertTrue(Files.exists(tmp.resolve("marked")));
      } finally {
        stubs.shutdownNow();
      }
    } finally {
      server.close();
    }
  }
}
