package io.cutover.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.MetricsStandIn;
import io.cutover.testing.PgTesting;
import io.cutover.testing.Ports;
import io.cutover.testing.PromText;
import io.cutover.testing.RealTemporal;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker as an operator watches it, on the real dev server: one run with a backup, a CSV import,
 * a copy into PostgreSQL, a gate and a monitor window whose trigger first comes near its limit and
 * then fires. While the gate is open and while the window runs, the worker's metrics show them live
 * (open runs, gate age, trigger against its limit); afterwards the counters show the rollback;
 * every series the Grafana dashboard and the Prometheus rules in {@code deploy/observability/} use
 * was exported; a span per step reached the OTLP receiver; every line the worker wrote is one JSON
 * object, the SDK's warnings included.
 */
class ObservabilityTest {
  @TempDir Path tmp;

  @Test
  void liveGaugesCountersTracesAndJsonLogsOfARunThatRollsBack() throws Exception {
    PgTesting.Db pg = PgTesting.newDatabase();
    Files.writeString(
        tmp.resolve("schema.sql"),
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT);\n");
    Files.writeString(
        tmp.resolve("orders.csv"), "id,customer\n1,GREYSON\n2,TITLE NINE\n3,GREYSON\n");
    try (MetricsStandIn service = MetricsStandIn.start();
        OtlpReceiver otlp = OtlpReceiver.start();
        RealTemporal temporal = RealTemporal.start(tmp.resolve("server"), false)) {
      // 0.9 % errors (90 % of the 1 % limit) for a while, then 2 %: the trigger fires 3 s later.
      service.runs("err", 12, 0.009, 100, 0.02);
      Path plan = tmp.resolve("plan.yaml");
      Files.writeString(
          plan,
          String.join(
              "\n",
              "name: observability drill",
              "anchor: obs-drill-1",
              "target: obs-drill",
              "resources:",
              "  databases:",
              "    db: {type: sqlite, path: work/orders.db, createFrom: schema.sql}",
              "    pg: " + pg.resourceYaml(),
              "steps:",
              "  - {id: backup, type: backup, database: db, destinations: [work/backup]}",
              "  - id: load",
              "    type: import-csv",
              "    database: db",
              "    files: [{file: orders.csv, table: orders, columns: {id: id, customer:"
                  + " customer}}]",
              "  - {id: copy, type: copy, source: db, target: pg}",
              "  - {id: go, type: gate, prompt: 'Copy looks right?'}",
              "  - id: watch",
              "    type: monitor",
              "    window: 2m",
              "    interval: 1s",
              "    metrics:",
              "      err: {type: http, url: \""
                  + service.url("/metrics.json")
                  + "\", path: $.err, unit: ratio}",
              "    triggers:",
              "      - {name: errors, when: err > 1% for 3s}",
              ""));
      int metricsPort = Ports.free();
      Scrapes scrapes = new Scrapes(metricsPort);
      try (CutoverProcess worker =
          temporal.workerProcess(
              tmp.resolve("logs/worker.log"),
              "--metrics-port",
              Integer.toString(metricsPort),
              "--metrics-bind",
              "127.0.0.1",
              "--log-format",
              "json",
              "--live-metrics-interval",
              "1",
              "--otlp-endpoint",
              otlp.url())) {
        CutoverWorkflow wf =
            CutoverTesting.start(
                temporal.client(),
                WorkflowOptions.newBuilder()
                    .setWorkflowId("cutover-obs-drill")
                    .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                    .build(),
                plan,
                Map.of());
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(120));

        // The gate, live: one run awaiting approval, its gate's age growing, a worker on the queue.
        String open =
            scrapes.until(
                m ->
                    PromText.has(m, "cutover_gate_open_seconds", "gate=\"go\"")
                        && PromText.value(m, "cutover_open_runs", "status=\"awaiting_approval\"")
                            == 1.0);
        double age1 =
            PromText.value(
                open,
                "cutover_gate_open_seconds",
                "workflow_id=\"cutover-obs-drill\"",
                "gate=\"go\"");
        assertTrue(
            PromText.value(
                    open,
                    "cutover_task_queue_pollers",
                    "task_queue=\"cutover\"",
                    "kind=\"workflow\"")
                >= 1,
            open);
        Thread.sleep(2500);
        String later =
            scrapes.until(
                m -> PromText.value(m, "cutover_gate_open_seconds", "gate=\"go\"") > age1 + 1);
        assertTrue(
            PromText.value(later, "cutover_gate_open_seconds", "gate=\"go\"") > age1,
            "the gate's age grows while it waits");
        assertEquals(
            3.0,
            PromText.value(later, "cutover_rows_copied_total", "type=\"copy\""),
            "rows the copy moved");
        assertTrue(
            PromText.has(later, "cutover_copy_rows_per_second", "step=\"copy\""),
            "the copy's rate series");

        wf.approve(new Decision("go", "alice", "copy verified"));
        // The window, live: the trigger at 90 % of its limit before it breaches.
        String near =
            scrapes.until(
                m ->
                    PromText.has(m, "cutover_monitor_trigger_closeness", "trigger=\"errors\"")
                        && Math.abs(
                                PromText.value(
                                        m,
                                        "cutover_monitor_trigger_closeness",
                                        "trigger=\"errors\"")
                                    - 0.9)
                            < 1e-6);
        assertEquals(
            0.01,
            PromText.value(
                near,
                "cutover_monitor_trigger_limit",
                "workflow_id=\"cutover-obs-drill\"",
                "step=\"watch\"",
                "trigger=\"errors\""),
            1e-9);
        assertEquals(
            0.009,
            PromText.value(near, "cutover_monitor_trigger_value", "trigger=\"errors\""),
            1e-9);

        CutoverReport r =
            WorkflowStub.fromTyped(wf).getResult(120, TimeUnit.SECONDS, CutoverReport.class);
        assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);

        // Afterwards: the counters of the ended run; nothing open; the window's gauges no longer a
        // number.
        String after =
            scrapes.until(
                m ->
                    PromText.has(m, "cutover_rollbacks_total", "result=\"rolled_back\"")
                        && PromText.value(m, "cutover_open_runs", "status=\"rolling_back\"") == 0.0
                        && PromText.value(m, "cutover_open_runs", "status=\"running\"") == 0.0);
        assertEquals(1.0, PromText.value(after, "cutover_runs_total", "status=\"rolled_back\""));
        assertEquals(1.0, PromText.value(after, "cutover_gate_wait_seconds_count", "gate=\"go\""));
        assertEquals(
            1.0,
            PromText.value(after, "cutover_gate_wait_seconds_bucket", "gate=\"go\"", "le=\"60.0\""),
            "a gate approved within seconds lands in the first bucket");
        assertTrue(
            PromText.has(after, "cutover_gate_wait_seconds_bucket", "le=\"604800.0\""),
            "buckets reach 7 days");
        assertFalse(
            PromText.has(after, "cutover_gate_open_seconds", "gate=\"go\""),
            "a closed gate is no longer listed");
        assertTrue(
            Double.isNaN(
                PromText.value(after, "cutover_monitor_trigger_closeness", "trigger=\"errors\"")),
            "an ended window's trigger must not keep an alert firing");

        // Every series the dashboard and the alert rules read was exported during this run.
        Set<String> used =
            new TreeSet<>(DashboardAndRules.seriesUsed(DashboardAndRules.dashboard()));
        used.addAll(DashboardAndRules.seriesUsed(DashboardAndRules.rules()));
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(scrapes.seriesSeen());
        assertTrue(
            missing.isEmpty(),
            () ->
                "used by deploy/observability but never exported: "
                    + missing
                    + "\nexported: "
                    + scrapes.seriesSeen());
        assertTrue(used.size() >= 10, () -> "the dashboard and rules read " + used);

        // A span per step, named after it, reached the collector.
        String spans =
            otlp.awaitContaining(
                Duration.ofSeconds(20),
                "step load: ",
                "step copy: ",
                "step backup: ",
                "cutover.step");
        assertTrue(spans.contains("cutover-obs-drill"), "spans carry the workflow id");

        // The server goes away: the SDK's own warnings reach the log, as JSON like every other
        // line.
        temporal.kill();
        worker.awaitLog("\"loggerName\":\"io.temporal", 30);
        List<JsonNode> lines = jsonLines(tmp.resolve("logs/worker.log"));
        assertTrue(
            lines.stream()
                .anyMatch(
                    l ->
                        l.path("level").asText().equals("WARN")
                            && l.path("loggerName").asText().startsWith("io.temporal")),
            "an SDK warning (poller lost the server) in the worker's log");
        assertTrue(
            lines.stream()
                .anyMatch(
                    l ->
                        l.path("formattedMessage")
                            .asText()
                            .startsWith("cutover worker polling task queue cutover")),
            "the start banner is a JSON line too");
      }
    }
  }

  /**
   * Every line of the file, each parsed as one JSON object (fails naming the first that is not).
   */
  static List<JsonNode> jsonLines(Path log) throws Exception {
    List<String> raw = Files.readAllLines(log);
    assertFalse(raw.isEmpty(), "empty log");
    return raw.stream()
        .map(
            l -> {
              try {
                JsonNode n = Json.MAPPER.readTree(l);
                assertTrue(n.isObject(), l);
                return n;
              } catch (Exception e) {
                throw new AssertionError("a worker log line that is not JSON: " + l, e);
              }
            })
        .toList();
  }
}
