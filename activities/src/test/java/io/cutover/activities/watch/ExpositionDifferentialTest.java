package io.cutover.activities.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.Bucket;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written Prometheus text parser against the official Java client: metrics with awkward
 * label values and numbers are written by the client's own Prometheus-text and OpenMetrics writers,
 * and every value must read back exactly; plus a corpus of what other exporters write (Go's number
 * forms, timestamps, exemplars, CRLF) with the values it must give.
 */
class ExpositionDifferentialTest {
  /** Label values the writers must escape, or that look like syntax. */
  static final List<String> AWKWARD =
      List.of(
          "plain",
          "",
          "with \"quotes\"",
          "back\\slash",
          "new\nline",
          "comma, brace} equals= hash #",
          "trailing backslash \\",
          "ünïcödé ✓",
          "  spaces  ",
          "{\"json\": [1, 2]}");

  record Expected(Map<String, String> labels, double value) {}

  static Selector select(String name, Map<String, String> labels) {
    List<Selector.Matcher> m = new ArrayList<>();
    labels.forEach((k, v) -> m.add(new Selector.Matcher(k, "=", v, null)));
    return new Selector(name, m);
  }

  static String write(ExpositionFormatWriter writer, PrometheusRegistry registry)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prometheus-text", "openmetrics"})
  void readsBackWhatTheOfficialClientWrites(String format) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter requests =
        Counter.builder()
            .name("http_requests")
            .help("requests")
            .withoutExemplars()
            .labelNames("code", "path")
            .register(registry);
    Gauge depth =
        Gauge.builder()
            .name("queue_depth")
            .help("depth")
            .withoutExemplars()
            .labelNames("queue")
            .register(registry);
    Histogram latency =
        Histogram.builder()
            .name("latency_seconds")
            .help("latency")
            .withoutExemplars()
            .classicUpperBounds(0.1, 0.5, 1.0)
            .labelNames("route")
            .register(registry);

    Random random = new Random(14);
    List<Expected> counters = new ArrayList<>();
    List<Expected> gauges = new ArrayList<>();
    double[] awkwardNumbers = {
      0, -0.5, 1e-7, 123456789.125, 1.5e10, -3.25e-5, 0.1 + 0.2, Double.MAX_VALUE, 42
    };
    int n = 0;
    for (String path : AWKWARD) {
      String code = n % 2 == 0 ? "200" : "5\"03";
      double inc = 1 + random.nextInt(1000) + random.nextInt(1000) / 1024.0;
      requests.labelValues(code, path).inc(inc);
      counters.add(new Expected(Map.of("code", code, "path", path), inc));
      double g = awkwardNumbers[n % awkwardNumbers.length];
      depth.labelValues(path).set(g);
      gauges.add(new Expected(Map.of("queue", path), g));
      n++;
    }
    depth.labelValues("inf").set(Double.POSITIVE_INFINITY);
    depth.labelValues("-inf").set(Double.NEGATIVE_INFINITY);
    depth.labelValues("nan").set(Double.NaN);
    double[] observations = {0.05, 0.05, 0.2, 0.7, 3.0, 0.5};
    for (double o : observations) {
      latency.labelValues("/api \"v1\"").observe(o);
    }

    String text =
        write(
            format.equals("openmetrics")
                ? OpenMetricsTextFormatWriter.create()
                : PrometheusTextFormatWriter.create(),
            registry);
    Exposition e = Exposition.parse(text);

    for (Expected c : counters) {
      assertEquals(
          c.value(), e.sum(select("http_requests_total", c.labels())), c.labels() + "\n" + text);
    }
    for (Expected g : gauges) {
      assertEquals(g.value(), e.sum(select("queue_depth", g.labels())), g.labels() + "\n" + text);
    }
    assertEquals(Double.POSITIVE_INFINITY, e.sum(select("queue_depth", Map.of("queue", "inf"))));
    assertEquals(Double.NEGATIVE_INFINITY, e.sum(select("queue_depth", Map.of("queue", "-inf"))));
    assertTrue(e.sum(select("queue_depth", Map.of("queue", "nan"))).isNaN());
    assertEquals(
        counters.stream().mapToDouble(Expected::value).sum(),
        e.sum(select("http_requests_total", Map.of())),
        1e-9);
    assertNull(e.sum(select("http_requests_total", Map.of("path", "no such path"))));

    assertEquals("counter", e.type("http_requests_total"));
    assertEquals("gauge", e.type("queue_depth"));
    assertEquals("histogram", e.type("latency_seconds"));

    List<Bucket> buckets = e.buckets(select("latency_seconds", Map.of("route", "/api \"v1\"")));
    assertEquals(
        List.of(0.1, 0.5, 1.0, Double.POSITIVE_INFINITY),
        buckets.stream().map(Bucket::upper).toList(),
        text);
    assertEquals(
        List.of(2.0, 4.0, 5.0, 6.0), buckets.stream().map(Bucket::count).toList(), "cumulative");
    assertEquals(6.0, e.sum(select("latency_seconds_count", Map.of("route", "/api \"v1\""))));
    assertEquals(4.5, e.sum(select("latency_seconds_sum", Map.of("route", "/api \"v1\""))), 1e-12);
  }

  /** What other exporters (Go's client, node_exporter, OpenMetrics with exemplars) write. */
  @Test
  void corpusOfOtherExporters() {
    String text =
        String.join(
            "\r\n",
            "# HELP go_gc_duration_seconds A summary of the pause duration.",
            "# TYPE go_gc_duration_seconds summary",
            "go_gc_duration_seconds{quantile=\"0.5\"} 4.1e-05",
            "go_gc_duration_seconds_sum 0.001",
            "# TYPE node_load1 gauge",
            "node_load1 1.5e+10",
            "# TYPE api_requests counter",
            "api_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000",
            "api_requests_total{method=\"post\",code=\"400\",} 3 1395066363000",
            "api_requests_total{ method = \"get\" , code=\"200\"} 7",
            "rpc_bucket{le=\"0.01\"} 5 # {trace_id=\"KOO5S4vxi0o\"} 0.005 1.6e9",
            "rpc_bucket{le=\"+Inf\"} 9",
            "escaped{path=\"C:\\\\dir\\\\\",msg=\"say \\\"hi\\\"\\n\"} -Inf",
            "no_labels 0x1p-2",
            "# EOF",
            "");
    Exposition e = Exposition.parse(text);

    assertEquals(4.1e-05, e.sum(select("go_gc_duration_seconds", Map.of("quantile", "0.5"))));
    assertEquals("summary", e.type("go_gc_duration_seconds"));
    assertEquals(1.5e10, e.sum(select("node_load1", Map.of())));
    assertEquals(
        1027.0, e.sum(select("api_requests_total", Map.of("code", "200", "method", "post"))));
    assertEquals(3.0, e.sum(select("api_requests_total", Map.of("code", "400"))));
    assertEquals(7.0, e.sum(select("api_requests_total", Map.of("method", "get"))));
    assertEquals("counter", e.type("api_requests_total"));
    assertEquals(
        List.of(new Bucket("0.01", 5), new Bucket("+Inf", 9)), e.buckets(select("rpc", Map.of())));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        e.sum(select("escaped", Map.of("path", "C:\\dir\\", "msg", "say \"hi\"\n"))));
    assertEquals(0.25, e.sum(select("no_labels", Map.of())), "Java reads hex floats too");
  }

  @ParameterizedTest(name = "refused: [{0}]")
  @ValueSource(
      strings = {
        "metric",
        "metric abc",
        "metric{a=b} 1",
        "metric{a=\"unterminated} 1",
        "metric{a=\"b\" 1",
      })
  void malformedLinesAreRefusedNamingTheLine(String line) {
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class, () -> Exposition.parse("# TYPE x gauge\n" + line));
    assertTrue(ex.getMessage().startsWith("line 2 is not a Prometheus sample"), ex.getMessage());
  }

  @Test
  void labelsAreKeptInOrder() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("z", "1");
    labels.put("a", "2");
    assertEquals(5.0, Exposition.parse("m{z=\"1\",a=\"2\"} 5").sum(select("m", labels)));
  }
}
