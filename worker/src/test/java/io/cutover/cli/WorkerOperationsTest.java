package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Ports;
import io.cutover.testing.PromText;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker as operations run it: connected through a temporal.toml profile, metrics on a port, JSON
 * logs. The dev server and the worker are separate processes.
 */
class WorkerOperationsTest {
  @TempDir Path tmp;

  @Test
  void profileConnectionPrometheusMetricsAndJsonLogs() throws Exception {
    int temporalPort = Ports.free();
    int metricsPort = Ports.free();
    Path toml = tmp.resolve("temporal.toml");
    Files.writeString(
        toml,
        String.join(
            "\n",
            "[profile.default]",
            "address = \"127.0.0.1:1\"",
            "",
            "[profile.drill]",
            "address = \"127.0.0.1:" + temporalPort + "\"",
            "namespace = \"default\"",
            ""));
    Files.writeString(
        tmp.resolve("schema.sql"),
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT);\n");
    Files.writeString(
        tmp.resolve("orders.csv"), "id,customer\n1,GREYSON\n2,TITLE NINE\n3,GREYSON\n");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: metrics drill",
            "anchor: metrics-drill-1",
            "target: metrics-drill",
            "resources:",
            "  databases:",
            "    db: {type: sqlite, path: work/orders.db, createFrom: schema.sql}",
            "steps:",
            "  - {id: backup, type: backup, database: db, destinations: [work/backup]}",
            "  - id: load",
            "    type: import-csv",
            "    database: db",
            "    files: [{file: orders.csv, table: orders, columns: {id: id, customer: customer}}]",
            "  - {id: go, type: gate, prompt: 'Keep the orders?'}",
            ""));

    try (CutoverProcess server =
            CutoverProcess.start(
                tmp.resolve("logs/dev-server.log"),
                "dev-server",
                "--port",
                Integer.toString(temporalPort),
                "--headless",
                "--db-filename",
                tmp.resolve("temporal.db").toString());
        CutoverProcess worker = startWorker(toml, metricsPort, temporalPort)) {
      assertTrue(
          Files.readString(tmp.resolve("logs/worker.log"))
              .contains("at 127.0.0.1:" + temporalPort + " (namespace default)"),
          "the worker connected through the drill profile, not the default one");
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkerSetup.clientOptions());
        CutoverWorkflow wf =
            client.newWorkflowStub(
                CutoverWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("cutover-metrics-drill")
                    .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                    .build());
        WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), Map.of(), false));
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go"), Duration.ofSeconds(60));
        wf.decide(new DecisionUpdate("go", "alice", null, true));
        CutoverReport r =
            WorkflowStub.fromTyped(wf).getResult(60, TimeUnit.SECONDS, CutoverReport.class);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
      } finally {
        stubs.shutdownNow();
      }

      // The SDK reports each second; the run's own counters and its completion may land in
      // different reports.
      // Every series asserted below: the SDK's tally scope reports each second, and the run's
      // counters can land in different reports (a CI run saw runs_total before steps_total).
      String metrics =
          awaitMetrics(
              metricsPort,
              "cutover_runs_total",
              "temporal_workflow_completed_total",
              "cutover_steps_total{",
              "cutover_gate_wait_seconds_count",
              "cutover_rows_copied_total",
              "temporal_activity_execution_latency");
      assertTrue(
          metrics.contains("temporal_activity_execution_latency"),
          "activity latencies from the SDK");
      assertEquals(1.0, PromText.value(metrics, "cutover_runs_total", "status=\"succeeded\""));
      assertEquals(
          1.0,
          PromText.value(
              metrics, "cutover_steps_total", "outcome=\"succeeded\"", "type=\"import-csv\""));
      assertEquals(1.0, PromText.value(metrics, "cutover_gate_wait_seconds_count", "gate=\"go\""));
      assertTrue(
          PromText.value(metrics, "cutover_gate_wait_seconds_sum", "gate=\"go\"") > 0,
          "the time the gate stayed open");
      assertEquals(
          3.0, PromText.value(metrics, "cutover_rows_copied_total", "type=\"import-csv\""));

      List<JsonNode> logs =
          Files.readAllLines(tmp.resolve("logs/worker.log")).stream()
              .filter(l -> l.startsWith("{"))
              .map(WorkerOperationsTest::json)
              .toList();
      JsonNode stepLog =
          logs.stream()
              .filter(
                  l ->
                      l.path("formattedMessage")
                          .asText()
                          .startsWith("Step load succeeded: imported 3 rows"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no JSON log line for the step: " + logs));
      assertEquals("INFO", stepLog.path("level").asText());
      assertEquals(
          "cutover-metrics-drill",
          stepLog.path("mdc").path("WorkflowId").asText(),
          () -> "the workflow id is in the MDC: " + stepLog);
    }
  }

  private CutoverProcess startWorker(Path toml, int metricsPort, int temporalPort) {
    CutoverProcess.awaitPort(temporalPort, 60);
    return CutoverProcess.start(
            tmp.resolve("logs/worker.log"),
            "worker",
            "--config-file",
            toml.toString(),
            "--profile",
            "drill",
            "--metrics-port",
            Integer.toString(metricsPort),
            "--metrics-bind",
            "127.0.0.1",
            "--log-format",
            "json")
        .awaitLog("polling task queue", 60);
  }

  private static JsonNode json(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }

  /** Scrapes until the metrics appear (the SDK reports every second). */
  private static String awaitMetrics(int port, String... names) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String body = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, resp.statusCode());
      assertTrue(
          resp.headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/plain; version=0.0.4"));
      body = resp.body();
      String seen = body;
      if (Arrays.stream(names).allMatch(seen::contains)) {
        return body;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(List.of(names) + " never all appeared in:\n" + body);
  }
}
