package io.cutover.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.VersioningBehavior;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker deployment versioning on the real dev server, with two builds of the worker ({@code
 * --build-id build-a} and {@code build-b}) as two processes. A cutover started while build A was
 * current waits at its gate while build B is rolled out and made current; a new cutover then runs
 * on B, and the first one, approved afterwards, finishes on A: every one of its activities ran on
 * A's worker and the server reports it pinned to A.
 */
class WorkerVersioningTest {
  @TempDir Path tmp;

  @Test
  void aRunningCutoverStaysOnTheBuildItStartedOnWhileNewRunsGoToTheNewOne() throws Exception {
    try (RealTemporal temporal = RealTemporal.start(tmp.resolve("server"), false);
        CutoverProcess a =
            temporal.workerProcess(tmp.resolve("logs/worker-a.log"), "--build-id", "build-a")) {
      assertTrue(
          a.log().contains("worker deployment version cutover.build-a (runs pinned to it)"),
          a.log());
      setCurrentVersion(temporal, "build-a");
      CutoverWorkflow first = start(temporal.client(), "first");
      CutoverTesting.awaitStatus(first, CutoverTesting.gateOpen("go"), Duration.ofSeconds(60));

      try (CutoverProcess b =
          temporal.workerProcess(tmp.resolve("logs/worker-b.log"), "--build-id", "build-b")) {
        setCurrentVersion(temporal, "build-b");
        CutoverWorkflow second = start(temporal.client(), "second");
        CutoverTesting.awaitStatus(second, CutoverTesting.gateOpen("go"), Duration.ofSeconds(60));
        second.approve(new Decision("go", "alice", "new build"));
        assertEquals(RunStatus.SUCCEEDED, result(second).status());

        first.approve(new Decision("go", "alice", "started before the rollout"));
        CutoverReport r = result(first);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertTrue(Files.exists(tmp.resolve("first-after-gate")), "the step after the gate ran");

        String identityA = identity(a);
        String identityB = identity(b);
        assertEquals(
            Set.of(identityA),
            activityWorkers(temporal.client(), "cutover-version-first"),
            "every activity of the first run, before and after the rollout, ran on build A");
        assertEquals(
            Set.of(identityB),
            activityWorkers(temporal.client(), "cutover-version-second"),
            "the run started after the rollout ran on build B");
        var info =
            temporal
                .client()
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(
                            WorkflowExecution.newBuilder().setWorkflowId("cutover-version-first"))
                        .build())
                .getWorkflowExecutionInfo()
                .getVersioningInfo();
        assertEquals(
            VersioningBehavior.VERSIONING_BEHAVIOR_PINNED, info.getBehavior(), info::toString);
        assertEquals("build-a", info.getDeploymentVersion().getBuildId(), info::toString);
      }
    }
  }

  private CutoverWorkflow start(WorkflowClient client, String name) throws IOException {
    Path plan = tmp.resolve(name + ".yaml");
    Files.writeString(
        plan,
        """
        name: versioning %s
        anchor: version-%s
        target: version-%s
        steps:
          - id: before
            type: command
            argv: [touch, %s-before-gate]
            undo: [rm, -f, %s-before-gate]
          - {id: go, type: gate, prompt: 'Go on?'}
          - id: after
            type: command
            argv: [touch, %s-after-gate]
        """
            .formatted(name, name, name, name, name, name));
    return CutoverTesting.start(
        client,
        WorkflowOptions.newBuilder()
            .setWorkflowId("cutover-version-" + name)
            .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
            .build(),
        plan,
        Map.of());
  }

  private static CutoverReport result(CutoverWorkflow wf) throws Exception {
    return WorkflowStub.fromTyped(wf).getResult(90, TimeUnit.SECONDS, CutoverReport.class);
  }

  /**
   * {@code temporal worker deployment set-current-version}, as an operator rolls a build out. The
   * server learns a version from its first poll, so this is retried until it knows it.
   */
  private static void setCurrentVersion(RealTemporal temporal, String buildId) throws Exception {
    List<String> argv =
        temporal.cliArgs(
            "worker",
            "deployment",
            "set-current-version",
            "--deployment-name",
            "cutover",
            "--build-id",
            buildId,
            "--yes");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String out = "";
    while (System.nanoTime() < deadline) {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("set-current-version " + buildId + " never succeeded: " + out);
  }

  /** The worker identity the SDK gives a process: {@code pid@host}, the pid from its banner. */
  private static String identity(CutoverProcess worker) {
    Matcher m = Pattern.compile("pid (\\d+)").matcher(worker.log());
    assertTrue(m.find(), worker.log());
    return m.group(1) + "@";
  }

  /** The workers (identity prefixes {@code pid@}) that started the activities of a run. */
  private static Set<String> activityWorkers(WorkflowClient client, String workflowId) {
    Set<String> out = new TreeSet<>();
    int activities = 0;
    for (HistoryEvent e : client.fetchHistory(workflowId).getHistory().getEventsList()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        String id = e.getActivityTaskStartedEventAttributes().getIdentity();
        out.add(id.substring(0, id.indexOf('@') + 1));
        activities++;
      }
    }
    assertFalse(out.isEmpty(), "no activity ran in " + workflowId);
    assertTrue(activities >= 3, workflowId + " ran " + activities + " activities");
    return out;
  }
}
