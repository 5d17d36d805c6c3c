package io.cutover.workflow.watch;

import io.cutover.activities.LogCursor;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleResult;
import io.cutover.api.Evidence;
import io.cutover.api.MetricView;
import io.cutover.api.MonitorView;
import io.cutover.api.TriggerView;
import io.cutover.plan.Condition;
import io.cutover.plan.MetricSource;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.Span;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerAction;
import io.cutover.plan.Units;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one monitor window, applied to its {@link MonitorState} sample by sample: derive
 * each metric's value, decide for each trigger whether its condition held long enough, and describe
 * where everything stands. Pure and deterministic: the window's workflow and the tests share it.
 */
public final class Window {
  /** How many latest values of each metric the status shows. */
  public static final int RECENT = 5;

  private static final long DEFAULT_OVER = 10 * 60_000L;

  private final MonitorStep step;
  private final Map<String, Double> baseline;
  private final long interval;
  private final Map<String, Trigger> triggers = new LinkedHashMap<>();
  private final Map<String, Condition> conditions = new HashMap<>();
  private final Map<String, Long> overs = new HashMap<>();
  private final Map<String, Long> spanOfMetric = new HashMap<>();

  public Window(MonitorStep step, Map<String, Double> baseline) {
    this.step = step;
    this.baseline = baseline == null ? Map.of() : baseline;
    this.interval = step.interval().millis();
    double scale = step.scale();
    for (Trigger t : step.triggers()) {
      String label = t.label();
      triggers.put(label, t);
      Condition c = t.condition().scaled(scale);
      conditions.put(label, c);
      if (c.kind() == Condition.Kind.GROWTH) {
        // Never fewer than three intervals: one noisy sample must not look like a trend.
        long over =
            Math.max(
                3 * interval,
                Math.round((t.over() == null ? DEFAULT_OVER : t.over().millis()) * scale));
        overs.put(label, over);
        spanOfMetric.merge(c.metric(), over, Math::max);
        // A one-off jump (a cache warming up, a heap resize) tilts the slope for as long as it lies
        // inside the span; only growth that lasts longer than that is a trend.
        c = c.holding(Math.max(c.forMillis(), over + interval));
        conditions.put(label, c);
      }
    }
  }

  public MonitorStep step() {
    return step;
  }

  /** Index of the last sample: one at the start, then one per interval until the window ends. */
  public int lastIndex() {
    return (int) (step.window().millis() / interval);
  }

  public long interval() {
    return interval;
  }

  /** When sample k is due. */
  public long due(MonitorState s, int k) {
    return s.startMillis + k * interval;
  }

  /** The scaled condition of a trigger. */
  public Condition condition(String trigger) {
    return conditions.get(trigger);
  }

  public Trigger trigger(String name) {
    return triggers.get(name);
  }

  /**
   * How often the window reports its progress to the cutover: about 100 times in all, at most once
   * a sample, so the cutover's history stays short however long the window (the window's own status
   * query is always live).
   */
  public long progressEvery() {
    return Math.max(interval, step.window().millis() / 100);
  }

  /** Where each log metric's next read starts. */
  public Map<String, LogCursor> cursors(MonitorState s) {
    Map<String, LogCursor> out = new HashMap<>();
    s.metrics.forEach(
        (name, m) -> {
          if (m.last != null && m.last.cursor() != null) {
            out.put(name, m.last.cursor());
          }
        });
    return out;
  }

  /**
   * Applies the sample scheduled at {@code t} (null when it could not be taken) and returns the
   * triggers that fired at it.
   */
  public List<Firing> apply(MonitorState s, SampleResult result, long t) {
    s.samples++;
    s.lastSampleMillis = t;
    if (result == null) {
      s.missed++;
    }
    for (Map.Entry<String, MetricSource> e : step.metrics().entrySet()) {
      MetricState m = s.metrics.computeIfAbsent(e.getKey(), k -> new MetricState());
      Reading r =
          result == null
              ? Reading.failed("the sample could not be taken")
              : result.readings().get(e.getKey());
      if (r == null) {
        r = Reading.failed("not read");
      }
      Double v =
          Derive.value(e.getValue(), m.last, r, m.last == null ? 0 : (t - m.lastMillis) / 1000.0);
      if (r.ok()) {
        if ("lines".equals(r.kind())) {
          m.lines += r.value() == null ? 0 : r.value();
          v = m.lines;
        }
        m.last = r;
        m.lastMillis = t;
        m.error = null;
      } else {
        m.error = r.error();
      }
      m.observe(v, RECENT);
      Long span = spanOfMetric.get(e.getKey());
      if (span != null && v != null) {
        m.series.add(new Point(t, v));
        Derive.trim(m.series, t, span);
      }
    }
    List<Firing> fired = new ArrayList<>();
    for (Map.Entry<String, Trigger> e : triggers.entrySet()) {
      Firing f = evaluate(s, e.getKey(), e.getValue(), t);
      if (f != null) {
        fired.add(f);
      }
    }
    return fired;
  }

  private Firing evaluate(MonitorState s, String name, Trigger trigger, long t) {
    TriggerState ts = s.triggers.computeIfAbsent(name, k -> new TriggerState());
    Condition c = conditions.get(name);
    MetricState m = s.metrics.get(c.metric());
    Double v;
    if (m == null) {
      v = null;
    } else if (c.kind() == Condition.Kind.GROWTH) {
      long over = overs.get(name);
      v = Derive.growthPerHour(Derive.span(m.series, t, over), t, over);
    } else {
      v = m.value;
    }
    Double limit = c.limit(baseline.get(c.metric()));
    ts.value = v;
    ts.limit = limit;
    if (ts.pending) {
      ts.status = "awaiting-decision";
      return null;
    }
    if (v == null || limit == null) {
      // No data neither proves nor disproves the condition: the hold goes on, but nothing fires.
      ts.status = "no-data";
      return null;
    }
    Double close = c.closeness(v, limit);
    if (close != null && (ts.maxCloseness == null || close > ts.maxCloseness)) {
      ts.maxCloseness = close;
    }
    if (!c.breached(v, limit)) {
      ts.breachSince = null;
      ts.heldMillis = 0;
      ts.status = "ok";
      return null;
    }
    if (ts.breachSince == null) {
      ts.breachSince = t;
    }
    ts.heldMillis = t - ts.breachSince;
    if (ts.heldMillis < c.forMillis()) {
      ts.status = "breaching";
      return null;
    }
    String message =
        "trigger '"
            + name
            + "' ("
            + trigger.when()
            + ") fired: "
            + c.metric()
            + " "
            + show(c, v, m)
            + " against "
            + limitText(c, limit)
            + (c.forMillis() > 0
                ? ", held "
                    + MonitorView.clock(ts.heldMillis / 1000.0)
                    + " (needed "
                    + MonitorView.clock(c.forMillis() / 1000.0)
                    + ")"
                : "")
            + " at "
            + Instant.ofEpochMilli(t)
            + ", "
            + MonitorView.clock((t - s.startMillis) / 1000.0)
            + " into the window";
    if (trigger.action() == TriggerAction.DECIDE) {
      ts.pending = true;
      ts.status = "awaiting-decision";
    } else {
      ts.fired = true;
      ts.status = "fired";
    }
    return new Firing(name, trigger.action(), message);
  }

  /** People chose to continue after a decide trigger: it must hold its full duration again. */
  public static void resolved(MonitorState s, String trigger) {
    TriggerState ts = s.triggers.get(trigger);
    if (ts != null && ts.pending) {
      ts.pending = false;
      ts.breachSince = null;
      ts.heldMillis = 0;
      ts.continued++;
      ts.status = "ok";
    }
  }

  private String show(Condition c, Double v, MetricState m) {
    String display = step.metrics().get(c.metric()).display();
    return c.show(v, display);
  }

  private String limitText(Condition c, Double limit) {
    String display = step.metrics().get(c.metric()).display();
    return switch (c.kind()) {
      case FAILING ->
          "failing"
              + (c.forMillis() > 0 ? " for " + MonitorView.clock(c.forMillis() / 1000.0) : "");
      case GROWTH -> c.op() + " " + Units.format(c.threshold(), "%") + "/h";
      case BASELINE -> {
        Double b = baseline.get(c.metric());
        String base = Units.number(c.factor()) + "x baseline (" + c.show(b, display) + ")";
        yield c.op()
            + " "
            + (c.threshold() > 0
                ? "max(" + base + ", " + c.show(c.threshold(), display) + ")"
                : base)
            + (limit == null ? "" : " = " + c.show(limit, display));
      }
      default -> c.op() + " " + c.show(limit, display);
    };
  }

  /** Where the window stands, for the status query and the UI. */
  public MonitorView view(MonitorState s, String workflowId, String state, long now) {
    List<MetricView> metrics = new ArrayList<>();
    for (Map.Entry<String, MetricSource> e : step.metrics().entrySet()) {
      MetricState m = s.metrics.get(e.getKey());
      String unit = unitFor(e.getKey());
      String display = e.getValue().display();
      if (m == null) {
        metrics.add(MetricView.notSampled(e.getKey()));
        continue;
      }
      List<String> recent = m.recent.stream().map(v -> fmt(v, unit, display)).toList();
      metrics.add(
          new MetricView(
              e.getKey(),
              fmt(m.value, unit, display),
              m.value,
              recent,
              fmt(m.min, unit, display),
              fmt(m.max, unit, display),
              fmt(m.mean(), unit, display),
              m.error));
    }
    List<TriggerView> views = new ArrayList<>();
    for (Map.Entry<String, Trigger> e : triggers.entrySet()) {
      Condition c = conditions.get(e.getKey());
      TriggerState ts = s.triggers.get(e.getKey());
      MetricState m = s.metrics.get(c.metric());
      if (ts == null) {
        views.add(
            new TriggerView(
                e.getKey(),
                e.getValue().when(),
                e.getValue().action().text(),
                "no-data",
                "no data",
                limitText(c, c.limit(baseline.get(c.metric()))),
                null,
                0,
                c.forMillis() / 1000.0,
                0));
        continue;
      }
      long held = ts.breachSince == null ? 0 : Math.max(0, s.lastSampleMillis - ts.breachSince);
      views.add(
          new TriggerView(
              e.getKey(),
              e.getValue().when(),
              e.getValue().action().text(),
              ts.status,
              show(c, ts.value, m),
              limitText(c, ts.limit),
              c.closeness(ts.value, ts.limit),
              held / 1000.0,
              c.forMillis() / 1000.0,
              ts.continued));
    }
    double elapsed = Math.min(step.window().millis(), Math.max(0, now - s.startMillis)) / 1000.0;
    return new MonitorView(
        step.id(),
        workflowId,
        state,
        Instant.ofEpochMilli(s.startMillis).toString(),
        elapsed,
        step.window().millis() / 1000.0,
        s.samples,
        s.missed,
        s.lastSampleMillis == 0 ? null : Instant.ofEpochMilli(s.lastSampleMillis).toString(),
        metrics,
        views,
        List.of(),
        s.runs);
  }

  /**
   * The window's findings as a step's evidence: each metric's range, each trigger's closest call.
   */
  public List<Evidence> evidence(MonitorState s) {
    List<Evidence> out = new ArrayList<>();
    out.add(
        Evidence.info(
            "window",
            MonitorView.clock(step.window().millis() / 1000.0)
                + " every "
                + step.interval()
                + ": "
                + s.samples
                + " samples, "
                + s.missed
                + " missed, "
                + s.runs
                + " workflow run(s)"
                + (step.scale() != 1.0
                    ? "; offsets and durations scaled by "
                        + Units.format(step.scale(), "")
                        + " (nominal "
                        + step.nominal()
                        + ")"
                    : "")));
    for (Map.Entry<String, MetricSource> e : step.metrics().entrySet()) {
      MetricState m = s.metrics.get(e.getKey());
      if (m == null) {
        continue;
      }
      String unit = unitFor(e.getKey());
      String display = e.getValue().display();
      out.add(
          Evidence.info(
              "metric " + e.getKey(),
              "last "
                  + fmt(m.value, unit, display)
                  + ", min "
                  + fmt(m.min, unit, display)
                  + ", mean "
                  + fmt(m.mean(), unit, display)
                  + ", max "
                  + fmt(m.max, unit, display)
                  + " ("
                  + m.count
                  + " values)"
                  + (m.error == null ? "" : "; last error: " + m.error)));
    }
    for (Map.Entry<String, Trigger> e : triggers.entrySet()) {
      TriggerState ts = s.triggers.get(e.getKey());
      Condition c = conditions.get(e.getKey());
      boolean fired = ts != null && (ts.fired || ts.pending);
      String closest =
          ts == null || ts.maxCloseness == null
              ? "no data"
              : Math.round(ts.maxCloseness * 100) + "% of the limit at most";
      out.add(
          new Evidence(
              "trigger " + e.getKey() + " (" + e.getValue().when() + ")",
              "not fired"
                  + (c.forMillis() > 0
                      ? " (hold " + MonitorView.clock(c.forMillis() / 1000.0) + ")"
                      : ""),
              (fired ? "FIRED" : "not fired")
                  + "; "
                  + closest
                  + (ts != null && ts.continued > 0
                      ? "; continued " + ts.continued + "x by decision"
                      : ""),
              fired ? Boolean.FALSE : Boolean.TRUE));
    }
    return out;
  }

  /** The unit the first trigger on a metric writes its limit in; values are shown in it. */
  private String unitFor(String metric) {
    for (Condition c : conditions.values()) {
      if (c.metric().equals(metric)
          && c.unit() != null
          && !c.unit().isEmpty()
          && !c.unit().equals("%/h")) {
        return c.unit();
      }
    }
    return null;
  }

  private static String fmt(Double v, String unit, String display) {
    return unit == null ? Units.natural(v, display) : Units.format(v, unit);
  }

  /** The window's length as the plan wrote it and scaled. */
  public Span window() {
    return step.window();
  }
}
