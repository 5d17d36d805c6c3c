package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.StepContext;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.plan.MonitorStep;
import io.cutover.workflow.fakes.Fakes;
import io.cutover.workflow.fakes.Runs;
import io.cutover.workflow.fakes.TestPlans;
import io.cutover.workflow.watch.MonitorInput;
import io.cutover.workflow.watch.MonitorResult;
import io.cutover.workflow.watch.StopRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Monitor windows' histories replay against today's {@link MonitorWorkflowImpl}: windows run here
 * on fake samples (passing, with every run they continued as new into; a rollback trigger; stopped
 * by their cutover; as a cutover's child) and are replayed at once, and the histories recorded
 * under {@code src/test/resources/histories} replay too, so a change that would break windows
 * already running fails here. Re-record deliberately, with {@code Workflow.getVersion} guarding the
 * change: {@code -Dcutover.recordHistories=true}.
 */
class MonitorReplayTest {
  @RegisterExtension static final TestWorkflowExtension temporal = Fakes.extension();

  static final Path RECORDED = Path.of("src/test/resources/histories");

  @BeforeEach
  void reset() {
    Fakes.reset();
  }

  static MonitorInput input(TestWorkflowEnvironment env, String yaml) {
    MonitorStep step = TestPlans.bind(TestPlans.tree(yaml), MonitorStep.class);
    return new MonitorInput(
        step,
        new StepContext("replay-test", step.id(), TestPlans.BASE_DIR, false),
        null,
        null,
        env.currentTimeMillis(),
        null);
  }

  static final String WINDOW =
      """
      id: watch
      type: monitor
      window: 5m
      interval: 10s
      metrics: {err: {type: command, argv: [read-errors]}}
      triggers: [{name: errors, when: err > 5}]
      """;

  /** Every run of the window's workflow id, following continue-as-new, as recorded histories. */
  static List<WorkflowExecutionHistory> runs(WorkflowClient client, String id, String firstRun) {
    List<WorkflowExecutionHistory> out = new ArrayList<>();
    String run = firstRun;
    while (run != null) {
      WorkflowExecutionHistory h = client.fetchHistory(id, run);
      out.add(h);
      HistoryEvent last = h.getLastEvent();
      run =
          last.hasWorkflowExecutionContinuedAsNewEventAttributes()
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return out;
  }

  static List<WorkflowExecutionHistory> runWindow(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, String yaml) {
    MonitorWorkflow window = client.newWorkflowStub(MonitorWorkflow.class, options);
    WorkflowClient.start(window::watch, input(env, yaml));
    WorkflowStub stub = WorkflowStub.fromTyped(window);
    stub.getResult(MonitorResult.class);
    return runs(client, stub.getExecution().getWorkflowId(), stub.getExecution().getRunId());
  }

  static void replayAll(List<WorkflowExecutionHistory> histories) throws Exception {
    for (WorkflowExecutionHistory h : histories) {
      WorkflowReplayer.replayWorkflowExecution(h, MonitorWorkflowImpl.class);
    }
  }

  static void recordIfAsked(String name, List<WorkflowExecutionHistory> histories)
      throws IOException {
    if (!Boolean.getBoolean("cutover.recordHistories")) {
      return;
    }
    Files.createDirectories(RECORDED);
    for (int i = 0; i < histories.size(); i++) {
      Files.writeString(
          RECORDED.resolve(name + "-run" + (i + 1) + ".json"), histories.get(i).toJson(true));
    }
  }

  static MonitorResult result(WorkflowClient client, WorkflowExecutionHistory last) {
    String id = last.getWorkflowExecution().getWorkflowId();
    return client.newUntypedWorkflowStub(id).getResult(MonitorResult.class);
  }

  @Test
  void aPassingWindowReplaysRunByRun(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    List<WorkflowExecutionHistory> runs = runWindow(env, client, options, WINDOW);

    MonitorResult result = result(client, runs.get(runs.size() - 1));
    assertEquals(MonitorResult.PASSED, result.outcome());
    assertEquals(31, Fakes.LOG.calls("sample").size(), "a sample at 0s, 10s, ... 5m");
    assertTrue(runs.size() >= 2, "the window continued as new: " + runs.size() + " run(s)");
    replayAll(runs);
    recordIfAsked("monitor-passed", runs);
  }

  @Test
  void aRollbackTriggerReplays(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Fakes.WATCH.script(0, 1, 2, 9);
    List<WorkflowExecutionHistory> runs = runWindow(env, client, options, WINDOW);

    MonitorResult result = result(client, runs.get(runs.size() - 1));
    assertEquals(MonitorResult.ROLLBACK, result.outcome());
    assertEquals("errors", result.trigger());
    assertEquals(4, Fakes.LOG.calls("sample").size(), "the window ends at the breach");
    assertEquals(1, runs.size());
    replayAll(runs);
    recordIfAsked("monitor-rollback-trigger", runs);
  }

  @Test
  void aStoppedWindowReplays(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    MonitorWorkflow window = client.newWorkflowStub(MonitorWorkflow.class, options);
    WorkflowClient.start(window::watch, input(env, WINDOW));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Fakes.LOG.calls("sample").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    window.stop(new StopRequest("the step ended"));
    WorkflowStub stub = WorkflowStub.fromTyped(window);
    MonitorResult result = stub.getResult(MonitorResult.class);
    assertEquals(MonitorResult.STOPPED, result.outcome());
    assertEquals("the step ended", result.message());
    replayAll(runs(client, stub.getExecution().getWorkflowId(), stub.getExecution().getRunId()));
  }

  @Test
  void aWindowAsACutoversChildReplaysWithItsParent(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf =
        Runs.start(
            client,
            options,
            """
            name: watched
            anchor: watch-1
            target: watched
            steps:
              - {id: switch, type: command, argv: [switch], undo: [switch-back]}
            %s
            """
                .formatted(("- " + WINDOW.replace("\n", "\n  ")).indent(2)));
    CutoverReport r = Runs.result(wf);
    assertEquals(RunStatus.SUCCEEDED, r.status(), r::failure);
    assertEquals(31, r.monitors().get(0).samples());

    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    WorkflowExecutionHistory parent = client.fetchHistory(id);
    WorkflowReplayer.replayWorkflowExecution(parent, CutoverWorkflowImpl.class);
    List<WorkflowExecutionHistory> children = new ArrayList<>();
    for (HistoryEvent e : parent.getEvents()) {
      if (e.hasChildWorkflowExecutionStartedEventAttributes()) {
        var child = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        assertEquals(id + ".watch", child.getWorkflowId());
        children.addAll(runs(client, child.getWorkflowId(), child.getRunId()));
      }
    }
    assertTrue(children.size() >= 2, "the child window and the runs it continued as new into");
    replayAll(children);
  }

  /** A workflow that sleeps before it samples: what a careless change of the window would do. */
  public static class DriftedMonitor extends MonitorWorkflowImpl {
    @Override
    public MonitorResult watch(MonitorInput in) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.watch(in);
    }
  }

  @Test
  void aChangedWindowFailsTheReplay(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    List<WorkflowExecutionHistory> runs = runWindow(env, client, options, WINDOW);
    Exception e =
        assertThrows(
            Exception.class,
            () -> WorkflowReplayer.replayWorkflowExecution(runs.get(0), DriftedMonitor.class),
            "the replay test can fail: a non-deterministic change is caught");
    String why = String.valueOf(e) + " / " + e.getCause();
    assertTrue(why.contains("NonDeterministic"), why);
  }

  @TestFactory
  Stream<DynamicTest> recordedHistoriesReplay() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(RECORDED)) {
      files =
          s.filter(f -> f.getFileName().toString().startsWith("monitor-"))
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    assertFalse(files.isEmpty(), "no recorded monitor histories in " + RECORDED.toAbsolutePath());
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            WorkflowExecutionHistory.fromJson(Files.readString(f)),
                            MonitorWorkflowImpl.class)));
  }
}
