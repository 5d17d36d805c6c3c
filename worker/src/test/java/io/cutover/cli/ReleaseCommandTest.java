package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.testing.CutoverCli;
import io.cutover.testing.CutoverCli.Result;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MonitorPlans;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover release} on the real Temporal dev server with a worker: it refuses a step that is
 * not a waiting hold before sending anything, reports the run's own refusal of a release without a
 * reason, and ends the hold with one.
 */
class ReleaseCommandTest {
  static final String ID = "cutover-release-drill";

  @TempDir static Path tmp;
  static RealTemporal temporal;

  @BeforeAll
  static void serverAndWorker() {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    temporal.worker(null);
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  static Result cutover(String... args) {
    return CutoverCli.run(temporal.address(), args);
  }

  @Test
  void releasesAWaitingHoldWithAReasonAndSaysWhyItRefusesOtherwise() throws Exception {
    Path plan =
        MonitorPlans.switchThenWatch(
            tmp,
            "release",
            """
            - id: drained
              type: hold
              conditions:
                - {name: drain flag, file: {path: drained.flag}}
              interval: 2s
              deadline: 10m
            """);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(ID)
            .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
            .build();
    CutoverWorkflow wf = CutoverTesting.start(temporal.client(), options, plan, Map.of());
    CutoverTesting.awaitStatus(
        wf,
        r -> r.steps().stream().anyMatch(s -> s.id().equals("drained") && s.summary() != null),
        Duration.ofSeconds(60));

    Result notAHold =
        cutover("release", ID, "--step", "switch", "--by", "alice", "--reason", "because");
    assertEquals(2, notAHold.code(), notAHold.toString());
    assertTrue(
        notAHold.err().contains("refused: step 'switch' is a command step, not a hold"),
        notAHold.err());

    Result noReason = cutover("release", ID, "--step", "drained", "--by", "alice", "--reason", " ");
    assertEquals(2, noReason.code(), noReason.toString());
    assertTrue(noReason.err().contains("not applied: a release needs a reason"), noReason.err());

    Result released =
        cutover("release", ID, "--step", "drained", "--by", "alice", "--reason", "drained by hand");
    assertEquals(0, released.code(), released.toString());
    assertTrue(
        released.out().startsWith("released hold 'drained' of " + ID + " as alice"),
        released.out());

    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    StepReport hold =
        r.steps().stream().filter(s -> s.id().equals("drained")).findFirst().orElseThrow();
    assertTrue(hold.summary().startsWith("released by alice: drained by hand"), hold.summary());

    Result over = cutover("release", ID, "--step", "drained", "--by", "alice", "--reason", "again");
    assertEquals(2, over.code(), over.toString());
    assertTrue(over.err().contains("hold 'drained' is not waiting (it is succeeded)"), over.err());
  }
}
