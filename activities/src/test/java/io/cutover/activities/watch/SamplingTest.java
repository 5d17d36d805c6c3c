package io.cutover.activities.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.cutover.activities.LogCursor;
import io.cutover.activities.NotifyRequest;
import io.cutover.activities.NotifyResult;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.support.Json;
import io.cutover.plan.CommandMetric;
import io.cutover.plan.HttpJsonMetric;
import io.cutover.plan.JsonAssertion;
import io.cutover.plan.LogMetric;
import io.cutover.plan.MemoryMetric;
import io.cutover.plan.MetricSource;
import io.cutover.plan.PlanJson;
import io.cutover.plan.ProbeMetric;
import io.cutover.plan.PromQlMetric;
import io.cutover.plan.PrometheusMetric;
import io.cutover.plan.Webhook;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric source against real things on loopback: an HTTP server, a log file, a command, this
 * JVM.
 */
class SamplingTest {
  static final String EXPOSITION =
      """
      # HELP http_requests_total Requests.
      # TYPE http_requests_total counter
      http_requests_total{code="200",path="/a"} 970
      http_requests_total{code="503",path="/a"} 20
      http_requests_total{code="500",path="/b \\"quoted\\""} 10
      # TYPE http_request_duration_seconds histogram
      http_request_duration_seconds_bucket{path="/a",le="0.1"} 5
      http_request_duration_seconds_bucket{path="/a",le="0.5"} 8
      http_request_duration_seconds_bucket{path="/a",le="+Inf"} 10
      http_request_duration_seconds_bucket{path="/b",le="0.1"} 1
      http_request_duration_seconds_bucket{path="/b",le="0.5"} 1
      http_request_duration_seconds_bucket{path="/b",le="+Inf"} 2
      http_request_duration_seconds_sum 3.2
      http_request_duration_seconds_count 12
      # TYPE inflight gauge
      inflight 3
      """;

  @TempDir Path tmp;
  HttpServer server;
  String base;
  final List<String> hooks = new CopyOnWriteArrayList<>();
  final WatchActivitiesImpl watch = new WatchActivitiesImpl();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    respond("/metrics", 200, EXPOSITION);
    respond("/stats", 200, "{\"kpi\": {\"error_rate\": 0.7, \"latency_ms\": \"120\"}}");
    respond(
        "/api/v1/query",
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"a\":\"1\"},\"value\":[1700000000,\"0.25\"]},{\"metric\":{\"a\":\"2\"},\"value\":[1700000000,\"0.5\"]}]}}");
    respond("/health", 200, "{\"status\":\"degraded\"}");
    server.createContext(
        "/hook",
        ex -> {
          hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    respond("/broken-hook", 500, "no");
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void respond(String path, int status, String body) {
    server.createContext(
        path,
        ex -> {
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, Reading> sample(
      Map<String, MetricSource> metrics, Map<String, LogCursor> cursors) {
    StepContext ctx = new StepContext("run", "watch", tmp.toString(), false);
    return watch.sample(new SampleRequest(ctx, metrics, cursors, 1_700_000_000_000L)).readings();
  }

  @Test
  void prometheusJsonAndPromQl() {
    Map<String, MetricSource> m = new LinkedHashMap<>();
    m.put(
        "errors",
        new PrometheusMetric(
            base + "/metrics",
            "http_requests_total{code=~\"5..\"}",
            "http_requests_total",
            null,
            null));
    m.put(
        "p95",
        new PrometheusMetric(
            base + "/metrics", "http_request_duration_seconds{path=\"/a\"}", null, 0.95, null));
    m.put(
        "inflight",
        PlanJson.of(
            PrometheusMetric.class, Map.of("url", base + "/metrics", "select", "inflight")));
    m.put(
        "typo",
        PlanJson.of(
            PrometheusMetric.class,
            Map.of("url", base + "/metrics", "select", "http_request_total")));
    m.put("kpi", new HttpJsonMetric(base + "/stats", "$.kpi.error_rate", "percent", null));
    m.put("latency", new HttpJsonMetric(base + "/stats", "$.kpi.latency_ms", "ms", null));
    m.put("q", new PromQlMetric(base, "sum(rate(x[5m]))", null, null));
    m.put("down", new HttpJsonMetric("http://127.0.0.1:" + closedPort() + "/x", "$.a", null, null));
    Map<String, Reading> r = sample(m, Map.of());

    assertEquals("counter", r.get("errors").kind());
    assertEquals(
        30.0,
        r.get("errors").total(),
        "5xx summed over codes and paths, escaped label values parsed");
    assertEquals(1000.0, r.get("errors").perTotal());
    assertEquals("histogram", r.get("p95").kind());
    assertEquals(
        List.of(5.0, 8.0, 10.0),
        r.get("p95").buckets().stream().map(b -> b.count()).toList(),
        "only path=/a");
    assertEquals(3.0, r.get("inflight").value());
    assertFalse(r.get("typo").ok(), "a name that matches nothing is an error, not a silent zero");
    assertEquals(0.7, r.get("kpi").value());
    assertEquals(
        120.0,
        r.get("latency").value(),
        "JSON text numbers are read; the unit converts in the workflow");
    assertEquals(0.75, r.get("q").value(), 1e-12, "a vector result is summed");
    assertNotNull(
        r.get("down").error(), "an unreachable source is that metric's error, not the activity's");
  }

  @Test
  void logLinesAreCountedOnceFromWhereTheWindowBegan() throws IOException {
    Path log = tmp.resolve("app.log");
    Files.writeString(log, "ERROR before the window\n");
    Map<String, MetricSource> m =
        Map.of("errors", new LogMetric("app.log", List.of("ERROR|CRITICAL")));
    Reading first = sample(m, Map.of()).get("errors");
    assertEquals(0.0, first.value(), "lines from before the window are not counted");
    Files.writeString(
        log, "INFO ok\nERROR one\nCRITICAL two\nERROR half a li", StandardOpenOption.APPEND);
    Reading second = sample(m, Map.of("errors", first.cursor())).get("errors");
    assertEquals(2.0, second.value());
    assertEquals(
        2.0,
        sample(m, Map.of("errors", first.cursor())).get("errors").value(),
        "a retry from the same cursor counts the same lines");
    Files.writeString(log, "ne\n", StandardOpenOption.APPEND);
    Reading third = sample(m, Map.of("errors", second.cursor())).get("errors");
    assertEquals(1.0, third.value(), "the line is counted once it is complete");
    Files.delete(log);
    Files.writeString(log, "ERROR after rotation\n");
    assertEquals(
        1.0,
        sample(m, Map.of("errors", third.cursor())).get("errors").value(),
        "a rotated file is read from its start");
  }

  @Test
  void commandMemoryAndProbe() throws IOException {
    Path script = tmp.resolve("count.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo \"since $CUTOVER_WINDOW_START_EPOCH\"\n"
            + "echo 'ERROR a'\n"
            + "echo 'fine'\n"
            + "echo 'ERROR b'\n");
    script.toFile().setExecutable(true);
    Path number = tmp.resolve("number.sh");
    Files.writeString(number, "#!/bin/sh\necho working\necho 250\n");
    number.toFile().setExecutable(true);
    Map<String, MetricSource> m = new LinkedHashMap<>();
    m.put(
        "cmd",
        PlanJson.of(
            CommandMetric.class,
            Map.of("argv", List.of("./count.sh"), "patterns", List.of("ERROR"))));
    m.put(
        "num",
        PlanJson.of(
            CommandMetric.class,
            Map.of("argv", List.of("./number.sh", "${window.startEpoch}"), "unit", "ms")));
    m.put("rss", new MemoryMetric(ProcessHandle.current().pid(), null));
    m.put(
        "health",
        new ProbeMetric(
            base + "/health",
            null,
            null,
            null,
            List.of(new JsonAssertion("$.status", "ok", null, null)),
            null));
    Map<String, Reading> r = sample(m, Map.of());
    assertEquals(2.0, r.get("cmd").value());
    assertEquals(250.0, r.get("num").value());
    assertTrue(r.get("rss").value() > 10e6, "this JVM's RSS: " + r.get("rss").value());
    assertEquals(1.0, r.get("health").value(), "status degraded fails the probe");
    assertTrue(r.get("health").detail().contains("degraded"), r.get("health").detail());
  }

  @Test
  void webhooksRenderTemplatesAndNeverThrow() throws IOException {
    StepContext ctx = new StepContext("run", "notify", tmp.toString(), false);
    Map<String, String> fields =
        Map.of(
            "event", "trigger-fired", "message", "p95 \"730 ms\" > 500 ms", "target", "pipeline");
    NotifyResult ok =
        new NotifyActivitiesImpl()
            .send(
                new NotifyRequest(
                    ctx,
                    new Webhook(
                        "ops",
                        base + "/hook",
                        null,
                        Map.of("text", "{{event}}: {{message}}", "channel", "#incidents"),
                        null),
                    fields));
    assertTrue(ok.delivered(), ok.detail());
    JsonNode sent = Json.MAPPER.readTree(hooks.get(0));
    assertEquals("trigger-fired: p95 \"730 ms\" > 500 ms", sent.get("text").asText());
    assertEquals("#incidents", sent.get("channel").asText());
    NotifyResult text =
        new NotifyActivitiesImpl()
            .send(
                new NotifyRequest(
                    ctx,
                    new Webhook(null, base + "/hook", null, "{\"msg\": \"{{message}}\"}", null),
                    fields));
    assertTrue(text.delivered(), text.detail());
    assertTrue(
        hooks.get(1).contains("\\\"730 ms\\\""),
        "quotes in a value are escaped in a JSON-text template: " + hooks.get(1));

    NotifyResult failing =
        new NotifyActivitiesImpl()
            .send(
                new NotifyRequest(
                    ctx,
                    PlanJson.of(
                        Webhook.class, Map.of("name", "broken", "url", base + "/broken-hook")),
                    fields));
    assertFalse(failing.delivered());
    assertEquals("HTTP 500", failing.detail());
    NotifyResult refused =
        new NotifyActivitiesImpl()
            .send(
                new NotifyRequest(
                    ctx,
                    PlanJson.of(
                        Webhook.class,
                        Map.of(
                            "name", "gone", "url", "http://127.0.0.1:" + closedPort() + "/hook")),
                    fields));
    assertFalse(refused.delivered());
    assertTrue(refused.detail().contains("ConnectException"), refused.detail());
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
