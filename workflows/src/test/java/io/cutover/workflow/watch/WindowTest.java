package io.cutover.workflow.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.Bucket;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleResult;
import io.cutover.plan.HttpJsonMetric;
import io.cutover.plan.MemoryMetric;
import io.cutover.plan.MetricSource;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.PlanJson;
import io.cutover.plan.PrometheusMetric;
import io.cutover.plan.Span;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window's rules without Temporal: exact hold boundaries, baselines, growth, quantiles. */
class WindowTest {
  static final long T0 = 1_700_000_000_000L;
  static final long TEN_S = 10_000;

  static MonitorStep step(Map<String, MetricSource> metrics, Trigger... triggers) {
    return new MonitorStep(
        "watch",
        null,
        null,
        null,
        null,
        Span.parse("1h"),
        Span.parse("10s"),
        null,
        metrics,
        List.of(triggers),
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  static Trigger rollback(String when) {
    return PlanJson.of(Trigger.class, Map.of("when", when, "action", "rollback"));
  }

  static SampleResult gauge(String name, double v) {
    return new SampleResult(Map.of(name, Reading.gauge(v, null)));
  }

  @Test
  void aSustainedTriggerFiresWhenItHeldItsFullDurationAndNotOneSampleBefore() {
    Window w =
        new Window(
            step(
                Map.of("err", new HttpJsonMetric("http://x", "$.e", null, null)),
                rollback("err > 1% for 5 minutes")),
            null);
    MonitorState s = MonitorState.begin(T0);
    // 29 breaching samples (t = 10s .. 290s held 280s), then one clean sample: no fire, hold reset.
    int k = 0;
    assertTrue(w.apply(s, gauge("err", 0.0), w.due(s, k++)).isEmpty());
    for (int i = 0; i < 29; i++) {
      assertTrue(w.apply(s, gauge("err", 0.02), w.due(s, k++)).isEmpty(), "sample " + k);
    }
    assertEquals("breaching", s.triggers.get("err").status);
    assertEquals(280_000, s.triggers.get("err").heldMillis);
    assertTrue(w.apply(s, gauge("err", 0.005), w.due(s, k++)).isEmpty());
    assertEquals("ok", s.triggers.get("err").status);
    // Breaching again from sample `first`: 30 samples hold 290s — still nothing; the 31st holds
    // 300s and fires.
    int first = k;
    for (int i = 0; i < 30; i++) {
      assertTrue(
          w.apply(s, gauge("err", 0.02), w.due(s, k++)).isEmpty(),
          "held " + (k - 1 - first) * 10 + "s must not fire");
    }
    List<Firing> fired = w.apply(s, gauge("err", 0.02), w.due(s, k));
    assertEquals(1, fired.size());
    assertEquals(300_000, s.triggers.get("err").heldMillis);
    assertEquals(TriggerAction.ROLLBACK, fired.get(0).action());
    assertTrue(fired.get(0).message().contains("held 5m00s"), fired.get(0).message());
    assertTrue(fired.get(0).message().contains("2%"), fired.get(0).message());
  }

  @Test
  void missingDataNeitherFiresNorResetsTheHold() {
    Window w =
        new Window(
            step(
                Map.of("err", new HttpJsonMetric("http://x", "$.e", null, null)),
                rollback("err > 1% for 30s")),
            null);
    MonitorState s = MonitorState.begin(T0);
    w.apply(s, gauge("err", 0.05), T0);
    w.apply(s, new SampleResult(Map.of("err", Reading.failed("connection refused"))), T0 + TEN_S);
    assertEquals("no-data", s.triggers.get("err").status);
    w.apply(s, null, T0 + 2 * TEN_S);
    assertEquals(1, s.missed);
    List<Firing> fired = w.apply(s, gauge("err", 0.05), T0 + 3 * TEN_S);
    assertEquals(1, fired.size(), "the hold went on through the gap: 30s since the first breach");
  }

  @Test
  void baselineTriggersCompareWithTheCapturedValue() {
    Window w =
        new Window(
            step(
                Map.of("err", new HttpJsonMetric("http://x", "$.e", "ratio", null)),
                rollback("err > 2x baseline")),
            Map.of("err", 0.01));
    MonitorState s = MonitorState.begin(T0);
    assertTrue(w.apply(s, gauge("err", 0.02), T0).isEmpty(), "2x the baseline is not above it");
    assertEquals(1, w.apply(s, gauge("err", 0.021), T0 + TEN_S).size());
    assertTrue(
        w.view(s, "id", "RUNNING", T0 + TEN_S)
            .triggers()
            .get(0)
            .limit()
            .contains("2x baseline (1%) = 2%"),
        w.view(s, "id", "RUNNING", T0 + TEN_S).triggers().get(0).limit());
  }

  @Test
  void counterRatiosAndHistogramQuantilesAreMeasuredBetweenSamples() {
    Map<String, MetricSource> metrics = new LinkedHashMap<>();
    metrics.put(
        "err",
        new PrometheusMetric(
            "http://x", "requests_total{code=~\"5..\"}", "requests_total", null, null));
    metrics.put("p95", new PrometheusMetric("http://x", "latency_seconds", null, 0.95, null));
    Window w = new Window(step(metrics, rollback("err > 1%"), rollback("p95 > 500ms")), null);
    MonitorState s = MonitorState.begin(T0);
    w.apply(s, prom(1000, 100_000, hist(0, 0, 0)), T0);
    assertNull(s.metrics.get("err").value, "a rate needs two readings");
    // 2000 requests, 10 of them 5xx: 0.5%. 100 observations: 90 under 0.1s, 10 in (0.1, 1].
    w.apply(s, prom(1010, 102_000, hist(90, 100, 100)), T0 + TEN_S);
    assertEquals(0.005, s.metrics.get("err").value, 1e-12);
    assertEquals(
        0.1 + 0.9 * 0.5,
        s.metrics.get("p95").value,
        1e-9,
        "the 95th of 100 is halfway into (0.1, 1]");
    // A restarted process resets its counters: the new totals are all new.
    List<Firing> fired = w.apply(s, prom(30, 1000, hist(0, 0, 10)), T0 + 2 * TEN_S);
    assertEquals(0.03, s.metrics.get("err").value, 1e-12);
    assertEquals(
        1.0, s.metrics.get("p95").value, 1e-12, "in the +Inf bucket: the largest finite bound");
    assertEquals(2, fired.size());
  }

  private static SampleResult prom(double errors, double all, List<Bucket> buckets) {
    Map<String, Reading> r = new LinkedHashMap<>();
    r.put("err", Reading.counter(errors, all));
    r.put("p95", Reading.histogram(buckets, null));
    return new SampleResult(r);
  }

  private static List<Bucket> hist(double under01, double under1, double all) {
    return List.of(new Bucket("0.1", under01), new Bucket("1", under1), new Bucket("+Inf", all));
  }

  @Test
  void memoryGrowthIsMeasuredOverItsSpan() {
    Trigger growth =
        new Trigger(
            "leak", "rss growing > 20%/hour", TriggerAction.DECIDE, null, null, Span.parse("10m"));
    Window w = new Window(step(Map.of("rss", new MemoryMetric(1L, null)), growth), null);
    MonitorState s = MonitorState.begin(T0);
    List<Firing> fired = new ArrayList<>();
    // 100 MB growing 0.05 MB per 10 s = 18 MB/hour = 18%/hour: under the limit.
    for (int k = 0; k <= 60; k++) {
      fired.addAll(w.apply(s, gauge("rss", 100e6 + k * 0.05e6), T0 + k * TEN_S));
      if (k < 60) {
        assertEquals("no-data", s.triggers.get("leak").status, "growth needs the whole 10m span");
      }
    }
    assertTrue(fired.isEmpty());
    assertEquals(0.18, s.triggers.get("leak").value, 0.01);
    // A one-off jump of 6 MB tilts the slope past 20%/hour while it lies in the span, but does not
    // last.
    long t = T0 + 60 * TEN_S;
    double v = 103e6 + 6e6;
    int k = 1;
    double steepest = 0;
    for (; k <= 80; k++) {
      fired.addAll(w.apply(s, gauge("rss", v), t + k * TEN_S));
      steepest =
          Math.max(
              steepest, s.triggers.get("leak").value == null ? 0 : s.triggers.get("leak").value);
    }
    assertTrue(
        steepest > 0.2, "the jump did look like more than 20%/hour for a while: " + steepest);
    assertTrue(fired.isEmpty(), "a step is not a trend");
    // Then 0.1 MB per 10 s (about 35%/hour): fires once it has lasted longer than the span.
    int leakFrom = k;
    for (; k <= 300 && fired.isEmpty(); k++) {
      v += 0.1e6;
      fired.addAll(w.apply(s, gauge("rss", v), t + k * TEN_S));
    }
    assertEquals(1, fired.size());
    assertTrue(
        k - leakFrom > 61,
        "it lasted more than the 10-minute span: " + (k - leakFrom) + " samples");
    assertEquals(TriggerAction.DECIDE, fired.get(0).action());
    assertEquals("awaiting-decision", s.triggers.get("leak").status);
    assertTrue(
        w.apply(s, gauge("rss", v + 1e6), t + (k + 1) * TEN_S).isEmpty(),
        "no second fire while people decide");
    Window.resolved(s, "leak");
    assertEquals(1, s.triggers.get("leak").continued);
    assertTrue(
        s.metrics.get("rss").series.size() <= 62,
        "only the span's points are kept: " + s.metrics.get("rss").series.size());
  }

  @Test
  void scaledWindowsShortenHoldsAndSpans() {
    MonitorStep scaled =
        new MonitorStep(
            "watch",
            null,
            null,
            null,
            null,
            Span.parse("60s"),
            Span.parse("10s"),
            Span.parse("30m"),
            Map.of("err", new HttpJsonMetric("http://x", "$.e", null, null)),
            List.of(rollback("err > 1% for 5 minutes")),
            List.of(),
            List.of(),
            null,
            null,
            null);
    Window w = new Window(scaled, null);
    assertEquals(
        10_000, w.condition("err").forMillis(), "5 minutes of a 30m window is 10s of a 60s one");
    MonitorState s = MonitorState.begin(T0);
    assertTrue(w.apply(s, gauge("err", 0.05), T0).isEmpty());
    assertEquals(1, w.apply(s, gauge("err", 0.05), T0 + TEN_S).size());
  }
}
