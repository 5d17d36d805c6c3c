package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.MonitorView;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.MonitorPlans;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day-long monitor window with 10-second samples on the time-skipping test server: it completes,
 * and the histories stay bounded. Its own class because it runs with the workers' sticky cache on
 * (thousands of workflow tasks; no worker is killed here).
 */
class DayLongWindowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal = CutoverTesting.extensionWithStickyCache();

  @TempDir Path tmp;
  final MetricsStandIn service = MetricsStandIn.start();

  @AfterEach
  void stop() {
    service.close();
  }

  private Path plan(String name, String monitor) throws Exception {
    return MonitorPlans.switchThenWatch(tmp, name, monitor);
  }

  // About a minute alone (worker/pom.xml runs it after the other tests, in its own JVM); a run
  // stuck on the test server is cut short and rerun (see junit-platform.properties).
  @org.junit.jupiter.api.Timeout(200)
  @Test
  void aDayLongWindowOfTenSecondSamplesCompletesWithBoundedHistory(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    service.script("err", 0.001);
    Path plan =
        plan(
            "day",
            """
            - id: watch-24h
              type: monitor
              window: 24h
              interval: 10s
              metrics:
                err: {type: http, url: "%s", path: $.err, unit: ratio}
              triggers:
                - when: err > 5%%
            """
                .formatted(service.url("/metrics.json")));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    MonitorView v = r.monitors().get(0);
    assertEquals(8641, v.samples(), "one at the start and one every 10 seconds for 24 hours");
    assertEquals(0, v.missed());
    assertEquals(86_400.0, v.elapsedSeconds());
    assertEquals(8641, service.scrapes());

    WorkflowExecutionHistory parent = client.fetchHistory(r.workflowId());
    assertTrue(
        parent.getEvents().size() < 1500,
        "the cutover's own history stays small: " + parent.getEvents().size());
    HistoryEvent started =
        parent.getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
            .findFirst()
            .orElseThrow();
    String childId =
        started
            .getChildWorkflowExecutionStartedEventAttributes()
            .getWorkflowExecution()
            .getWorkflowId();
    String runId =
        started.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getRunId();
    int runs = 0;
    int largest = 0;
    while (runId != null) {
      List<HistoryEvent> events = client.fetchHistory(childId, runId).getEvents();
      runs++;
      largest = Math.max(largest, events.size());
      HistoryEvent last = events.get(events.size() - 1);
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    assertEquals(v.runs(), runs, "the window's runs, as counted by the window itself");
    assertTrue(runs > 100, "continued as new along the way: " + runs);
    assertTrue(largest <= 200, "every run's history stays bounded: largest " + largest + " events");
  }
}
