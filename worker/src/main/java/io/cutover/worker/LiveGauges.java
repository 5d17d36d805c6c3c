package io.cutover.worker;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.workflow.CutoverWorkflow;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of what is open now, read from Temporal every {@code interval} — the counters of {@link
 * MetricsInterceptor} only move when a run ends, and a gate open for six hours or a host without a
 * worker must show (and alert) while it lasts:
 *
 * <ul>
 *   <li>{@code cutover_open_runs{status}}: open cutover runs by their status (every non-final
 *       status, zero included, so an alert on one never sees a missing series);
 *   <li>{@code cutover_gate_open_seconds{workflow_id,gate}}: how long each open gate has waited;
 *   <li>{@code cutover_task_queue_pollers{task_queue,kind}}: workers polling {@code cutover} and
 *       every {@code cutover-<host>} queue a step of an open run still needs (a poller counts when
 *       it polled within the last {@link #POLLER_FRESH}; the server itself keeps forgotten pollers
 *       listed for minutes).
 * </ul>
 *
 * Each worker with a metrics port exports the same view; dashboards and alert rules take the
 * maximum over instances. The first refresh runs at once, so a scrape right after start sees them.
 */
public final class LiveGauges implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveGauges.class);

  /** A long poll lasts up to about a minute; a worker that has not polled for longer is gone. */
  static final Duration POLLER_FRESH = Duration.ofSeconds(70);

  private final WorkflowClient client;
  private final MultiGauge runs;
  private final MultiGauge gates;
  private final MultiGauge pollers;
  private final ScheduledExecutorService timer;

  private LiveGauges(WorkflowClient client, MeterRegistry registry) {
    this.client = client;
    this.runs =
        MultiGauge.builder("cutover_open_runs")
            .description("open cutover runs by status")
            .register(registry);
    this.gates =
        MultiGauge.builder("cutover_gate_open_seconds")
            .description("how long each open gate has waited")
            .baseUnit("seconds")
            .register(registry);
    this.pollers =
        MultiGauge.builder("cutover_task_queue_pollers")
            .description(
                "workers that polled the task queue within the last "
                    + POLLER_FRESH.toSeconds()
                    + " s")
            .register(registry);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cutover-live-gauges");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts refreshing every {@code interval}, the first time now. */
  public static LiveGauges start(WorkflowClient client, MeterRegistry registry, Duration interval) {
    LiveGauges g = new LiveGauges(client, registry);
    g.timer.scheduleWithFixedDelay(
        g::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return g;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (StatusRuntimeException e) {
      // Server away (a restart, a network blip): keep the last values, the worker logs its own
      // warnings.
      log.debug("live gauges not refreshed: {}", e.getStatus());
    } catch (RuntimeException e) {
      log.warn("live gauges not refreshed: {}", e.toString());
    }
  }

  void refresh() {
    String ns = client.getOptions().getNamespace();
    Map<RunStatus, Integer> byStatus = new EnumMap<>(RunStatus.class);
    List<MultiGauge.Row<?>> gateRows = new ArrayList<>();
    Set<String> queues = new TreeSet<>(List.of(CutoverWorkflow.TASK_QUEUE));
    Instant now = Instant.now();
    for (WorkflowExecutionInfo run : openRuns(ns)) {
      String id = run.getExecution().getWorkflowId();
      CutoverReport r;
      try {
        r = client.newUntypedWorkflowStub(id).query("status", CutoverReport.class);
      } catch (RuntimeException e) {
        // Closed meanwhile, or no worker to answer: counted by the next refresh.
        continue;
      }
      if (r == null || r.status() == null || r.status().isFinal()) {
        continue;
      }
      byStatus.merge(r.status(), 1, Integer::sum);
      if (r.openGate() != null && r.openGate().openedAt() != null) {
        double age =
            Duration.between(Instant.parse(r.openGate().openedAt()), now).toMillis() / 1000.0;
        gateRows.add(
            MultiGauge.Row.of(
                Tags.of("workflow_id", id, "gate", r.openGate().gate()), Math.max(0, age)));
      }
      for (StepReport s : r.steps()) {
        if (s.host() != null
            && !s.host().isBlank()
            && s.status() != StepStatus.SUCCEEDED
            && s.status() != StepStatus.SKIPPED) {
          queues.add(CutoverWorkflow.TASK_QUEUE + "-" + s.host());
        }
      }
    }
    List<MultiGauge.Row<?>> runRows = new ArrayList<>();
    for (RunStatus s : RunStatus.values()) {
      if (!s.isFinal()) {
        runRows.add(
            MultiGauge.Row.of(
                Tags.of("status", s.name().toLowerCase(Locale.ROOT)), byStatus.getOrDefault(s, 0)));
      }
    }
    List<MultiGauge.Row<?>> pollerRows = new ArrayList<>();
    for (String q : queues) {
      pollerRows.add(
          MultiGauge.Row.of(
              Tags.of("task_queue", q, "kind", "activity"),
              freshPollers(ns, q, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)));
      if (q.equals(CutoverWorkflow.TASK_QUEUE)) {
        pollerRows.add(
            MultiGauge.Row.of(
                Tags.of("task_queue", q, "kind", "workflow"),
                freshPollers(ns, q, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)));
      }
    }
    runs.register(runRows, true);
    gates.register(gateRows, true);
    pollers.register(pollerRows, true);
  }

  private List<WorkflowExecutionInfo> openRuns(String ns) {
    List<WorkflowExecutionInfo> all = new ArrayList<>();
    var api = client.getWorkflowServiceStubs().blockingStub();
    var req =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(ns)
            .setPageSize(200)
            .setQuery("WorkflowType = 'CutoverWorkflow' AND ExecutionStatus = 'Running'");
    do {
      var resp = api.listWorkflowExecutions(req.build());
      all.addAll(resp.getExecutionsList());
      req.setNextPageToken(resp.getNextPageToken());
    } while (!req.getNextPageToken().isEmpty() && all.size() < 2000);
    return all;
  }

  private int freshPollers(String ns, String queue, TaskQueueType type) {
    var resp =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeTaskQueue(
                DescribeTaskQueueRequest.newBuilder()
                    .setNamespace(ns)
                    .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                    .setTaskQueueType(type)
                    .build());
    long cutoff = Instant.now().minus(POLLER_FRESH).getEpochSecond();
    int n = 0;
    for (PollerInfo p : resp.getPollersList()) {
      if (p.getLastAccessTime().getSeconds() >= cutoff) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
