package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.MonitorView;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.api.TriggerView;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.cutover.worker.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitor windows on the time-skipping test server, sampling a real HTTP endpoint and a real log
 * file: trigger boundaries and a worker restart mid-window (the day-long window has its own class).
 */
class MonitorWindowTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  private Path plan(String name, String monitor) throws Exception {
    return MonitorPlans.switchThenWatch(tmp, name, monitor);
  }

  @Test
  void aSustainedTriggerFiresExactlyWhenItHeldItsDurationAndNotBefore(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    // Ten-second samples: 6 clean, 29 over 1% (held 4m40s), 1 clean, then over 1% for good.
    service.runs("err", 6, 0.0, 29, 0.02, 1, 0.0, 40, 0.02);
    Path plan =
        plan(
            "boundary",
            """
            - id: watch
              type: monitor
              window: 1h
              interval: 10s
              metrics:
                err: {type: http, url: "%s", path: $.err, unit: ratio}
              triggers:
                - when: err > 1%% for 5 minutes
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    assertTrue(r.failure().contains("held 5m00s (needed 5m00s)"), r.failure());
    // The second run of breaches began at sample 36 (6m00s) and reached 5 minutes at sample 66.
    assertTrue(r.failure().contains("11m00s into the window"), r.failure());
    MonitorView v = r.monitors().get(0);
    assertEquals(
        67, v.samples(), "sampling stopped at the firing sample, not one earlier or later");
    assertEquals("fired", v.triggers().get(0).state());
    assertEquals(StepStatus.COMPENSATED, r.steps().get(0).status());
    assertFalse(Files.exists(tmp.resolve("switched")), "the switch was undone");

    // Determinism: both workflows make the same decisions again from their recorded histories.
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(r.workflowId()), CutoverWorkflowImpl.class);
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(v.workflowId()), MonitorWorkflowImpl.class);
  }

  @Test
  void aWorkerRestartMidWindowNeitherResetsNorDoubleCounts(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    service.script("err", 0.0);
    Path log = tmp.resolve("app.log");
    Files.writeString(log, "ERROR from before the window: not counted\n");
    Path plan =
        plan(
            "restart",
            """
            - id: watch
              type: monitor
              window: 30m
              interval: 10s
              metrics:
                err: {type: http, url: "%s", path: $.err, unit: ratio}
                errors: {type: log, file: app.log, patterns: [ERROR, CRITICAL]}
              triggers:
                - when: err > 1%% for 5 minutes
                - when: errors > 5
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    env.sleep(Duration.ofMinutes(10));
    CutoverReport before = wf.status();
    MonitorView mid = before.monitors().get(0);
    assertTrue(mid.samples() > 30 && mid.samples() < 80, "mid-window: " + mid.samples());
    Files.writeString(log, "ERROR one\nERROR two\nCRITICAL three\n", StandardOpenOption.APPEND);
    env.sleep(Duration.ofMinutes(1));

    WorkerFactory old = env.getWorkerFactory();
    old.shutdownNow();
    old.awaitTermination(10, TimeUnit.SECONDS);
    WorkerFactory fresh = WorkerFactory.newInstance(client, WorkerSetup.factoryOptions());
    Worker worker =
        fresh.newWorker(options.getTaskQueue(), CutoverTesting.testServerWorkerOptions());
    WorkerSetup.registerAll(worker);
    fresh.start();
    try {
      Files.writeString(log, "ERROR four\nERROR five\n", StandardOpenOption.APPEND);
      CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

      assertEquals(
          RunStatus.SUCCEEDED,
          r.status(),
          () -> "five errors are not more than five: " + r.failure());
      MonitorView v = r.monitors().get(0);
      assertEquals(mid.startedAt(), v.startedAt(), "the window was not restarted");
      assertEquals(181 - v.missed(), v.samples(), "every sample once: " + v);
      assertTrue(v.missed() <= 2, "at most the samples due while no worker ran: " + v.missed());
      assertEquals(
          "5", v.metrics().get(1).last(), "each ERROR line counted once across the restart");
      TriggerView errors = v.triggers().get(1);
      assertEquals("ok", errors.state());
    } finally {
      fresh.shutdownNow();
    }
  }
}
