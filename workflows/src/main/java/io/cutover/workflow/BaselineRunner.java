package io.cutover.workflow;

import io.cutover.activities.LogCursor;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleRequest;
import io.cutover.activities.SampleResult;
import io.cutover.activities.WatchActivities;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.BaselineStep;
import io.cutover.plan.Condition;
import io.cutover.plan.MetricSource;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.Trigger;
import io.cutover.plan.Units;
import io.cutover.workflow.watch.Derive;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Samples a monitor's metrics before the switch: counters and histograms over the whole span (first
 * to last reading), everything else averaged. Fails when a metric that a baseline trigger compares
 * with got no value, since that trigger could then never fire.
 */
final class BaselineRunner implements StepRunner<BaselineStep> {
  @Override
  public StepOutcome run(BaselineStep step, StepEnv env) {
    MonitorStep monitor = (MonitorStep) env.plan.step(step.monitor()).orElseThrow();
    Map<String, MetricSource> metrics = new LinkedHashMap<>();
    monitor
        .metrics()
        .forEach(
            (name, source) -> {
              if (step.metrics().isEmpty() || step.metrics().contains(name)) {
                metrics.put(name, source);
              }
            });
    WatchActivities sampler = env.stub(WatchActivities.class, step, Duration.ofSeconds(30));
    long interval = step.interval().millis();
    int last = (int) (step.duration().millis() / interval);
    long start = Workflow.currentTimeMillis();
    Map<String, Reading> first = new HashMap<>();
    Map<String, Long> firstAt = new HashMap<>();
    Map<String, Reading> latest = new HashMap<>();
    Map<String, Long> latestAt = new HashMap<>();
    Map<String, double[]> sums = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    int taken = 0;
    for (int k = 0; k <= last; k++) {
      long due = start + k * interval;
      long now = Workflow.currentTimeMillis();
      if (due > now && Workflow.await(Duration.ofMillis(due - now), env::interrupted)) {
        throw env.interruption();
      }
      env.state.details(
          "Baseline for " + monitor.id() + ": sample " + (k + 1) + " of " + (last + 1));
      Map<String, LogCursor> cursors = new HashMap<>();
      latest.forEach(
          (name, r) -> {
            if (r.cursor() != null) {
              cursors.put(name, r.cursor());
            }
          });
      SampleResult result;
      try {
        result = sampler.sample(new SampleRequest(env.context(step), metrics, cursors, start));
      } catch (ActivityFailure e) {
        if (Failures.isCancellation(e)) {
          throw e;
        }
        continue;
      }
      taken++;
      for (Map.Entry<String, Reading> e : result.readings().entrySet()) {
        Reading r = e.getValue();
        if (!r.ok()) {
          errors.put(e.getKey(), r.error());
          continue;
        }
        first.putIfAbsent(e.getKey(), r);
        firstAt.putIfAbsent(e.getKey(), due);
        latest.put(e.getKey(), r);
        latestAt.put(e.getKey(), due);
        if (r.value() != null && !"counter".equals(r.kind()) && !"histogram".equals(r.kind())) {
          double v =
              "lines".equals(r.kind())
                  ? r.value()
                  : Derive.value(metrics.get(e.getKey()), null, r, 0);
          double[] s = sums.computeIfAbsent(e.getKey(), x -> new double[2]);
          s[0] += v;
          s[1]++;
        }
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    List<Evidence> evidence = new ArrayList<>();
    for (Map.Entry<String, MetricSource> e : metrics.entrySet()) {
      String name = e.getKey();
      Reading a = first.get(name);
      Reading b = latest.get(name);
      Double v = null;
      if (a != null && ("counter".equals(a.kind()) || "histogram".equals(a.kind()))) {
        v =
            a == b
                ? null
                : Derive.value(
                    e.getValue(), a, b, (latestAt.get(name) - firstAt.get(name)) / 1000.0);
      } else if (sums.containsKey(name)) {
        double[] s = sums.get(name);
        v = "lines".equals(a.kind()) ? s[0] : s[0] / s[1];
      }
      if (v != null) {
        values.put(name, v);
      }
      evidence.add(
          Evidence.info(
              "baseline " + name,
              v == null
                  ? "no value"
                      + (errors.containsKey(name)
                          ? " (" + errors.get(name) + ")"
                          : " (no traffic, or a single reading)")
                  : Units.natural(v, e.getValue().display())));
    }
    evidence.add(
        Evidence.info(
            "baseline span", step.duration() + ", " + taken + " samples every " + step.interval()));
    Set<String> needed =
        monitor.triggers().stream()
            .map(Trigger::condition)
            .filter(c -> c.kind() == Condition.Kind.BASELINE)
            .map(Condition::metric)
            .collect(Collectors.toSet());
    List<String> missing =
        needed.stream()
            .filter(m -> metrics.containsKey(m) && !values.containsKey(m))
            .sorted()
            .toList();
    if (!missing.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no baseline for "
              + String.join(", ", missing)
              + ": the triggers of '"
              + monitor.id()
              + "' that compare with it could never fire",
          FailureType.CHECK_FAILED.name(),
          new StepOutcome("baseline incomplete", evidence, List.of()));
    }
    env.watch.baseline(monitor.id(), values);
    return new StepOutcome(
        "captured "
            + values.size()
            + " of "
            + metrics.size()
            + " metrics of '"
            + monitor.id()
            + "' over "
            + step.duration(),
        evidence,
        List.of());
  }
}
