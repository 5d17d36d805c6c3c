package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Restart with a canary and batches, on real service processes. */
class CanaryRestartTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  private Path plan(boolean thirdHealthy) throws Exception {
    int[] ports = {Ports.free(), Ports.free(), Ports.free(), Ports.free()};
    StringBuilder services = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      String name = "app-" + (i + 1);
      services.append(
          """
          %s:
            start: ["${java}", "-cp", "${cutover.classpath}", io.cutover.testing.TinyService, "%d", %s%s]
            pidFile: %s.pid
            health: [{url: "http://127.0.0.1:%d/health", json: [{path: $.status, equals: ok}]}]
            ready: %s
          """
              .formatted(
                  name,
                  ports[i],
                  name,
                  i == 2 && !thirdHealthy ? ", --unhealthy" : "",
                  name,
                  ports[i],
                  i == 2 ? "4s" : "30s"));
    }
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: canary
        anchor: test-canary
        target: canary
        resources:
          services:
        %s
        steps:
          - id: switch
            type: command
            argv: [touch, switched]
            undo: [rm, -f, switched]
          - id: rollout
            type: restart
            services: [app-1, app-2, app-3, app-4]
            canary:
              checks: [{url: "http://127.0.0.1:%d/health", json: [{path: $.instance, equals: app-1}]}]
              soak: 2s
            batch: 2
        """
            .formatted(services.toString().indent(4), ports[0]));
    return plan;
  }

  @Test
  void theCanaryGoesFirstThenBatches(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan(true), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    StepReport rollout = r.steps().get(1);
    assertEquals(
        "restarted app-1, app-2, app-3, app-4 (canary app-1 first, then batches of 2)",
        rollout.summary());
    List<String> started =
        rollout.evidence().stream()
            .map(Evidence::name)
            .filter(n -> n.endsWith(" started"))
            .toList();
    assertEquals(
        List.of("app-1 started", "app-2 started", "app-3 started", "app-4 started"), started);
    assertTrue(
        rollout.evidence().stream()
            .anyMatch(e -> e.name().equals("app-1 soak") && e.actual().contains("passed")),
        rollout.evidence().toString());
    for (int i = 1; i <= 4; i++) {
      assertTrue(Processes.alive(tmp.resolve("app-" + i + ".pid")), "app-" + i + " runs");
    }
  }

  @Test
  void theFirstUnhealthyInstanceStopsTheRolloutAndRollsBack(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan(false), Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status());
    StepReport rollout = r.steps().get(1);
    assertEquals(StepStatus.FAILED, rollout.status());
    assertTrue(
        rollout.error().startsWith("instance app-3 is unhealthy after its restart"),
        rollout.error());
    assertTrue(rollout.error().endsWith("stopped there, app-4 not touched"), rollout.error());
    assertTrue(
        rollout.evidence().contains(Evidence.info("restarted and healthy", "app-1, app-2")),
        rollout.evidence().toString());
    assertFalse(Files.exists(tmp.resolve("app-4.pid")), "app-4 was never touched");
    assertEquals(StepStatus.COMPENSATED, r.steps().get(0).status());
  }
}
