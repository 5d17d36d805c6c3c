package io.cutover.workflow.fakes;

import io.cutover.activities.ConditionResult;
import io.cutover.activities.HoldCheckRequest;
import io.cutover.activities.HoldCheckResult;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleRequest;
import io.cutover.activities.SampleResult;
import io.cutover.activities.SoakRequest;
import io.cutover.activities.WatchActivities;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HoldCondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records {@code sample <step>} and {@code hold-check <step>}. Every metric of the n-th sample
 * reads the n-th scripted value (the last one again once the script is used up; 0 without a
 * script). No hold condition ever holds.
 */
public final class FakeWatchActivities implements WatchActivities {
  private final CallLog log;
  private final List<Double> script = new ArrayList<>();
  private int taken;

  public FakeWatchActivities(CallLog log) {
    this.log = log;
  }

  public synchronized void reset() {
    script.clear();
    taken = 0;
  }

  /** The values the next samples read, in order. */
  public synchronized void script(double... values) {
    for (double v : values) {
      script.add(v);
    }
  }

  private synchronized double next() {
    if (script.isEmpty()) {
      return 0;
    }
    return script.get(Math.min(taken++, script.size() - 1));
  }

  @Override
  public SampleResult sample(SampleRequest request) {
    log.record("sample " + request.context().stepId());
    double v = next();
    Map<String, Reading> readings = new LinkedHashMap<>();
    request.metrics().keySet().forEach(m -> readings.put(m, Reading.gauge(v, "fake")));
    return new SampleResult(readings);
  }

  @Override
  public StepOutcome soak(SoakRequest request) {
    log.record("soak " + request.label());
    return StepOutcome.of("soaked");
  }

  @Override
  public HoldCheckResult holdCheck(HoldCheckRequest request) {
    log.record("hold-check " + request.context().stepId());
    List<ConditionResult> results = new ArrayList<>();
    for (HoldCondition c : request.conditions()) {
      results.add(new ConditionResult(c.name(), false, "holds", "not yet"));
    }
    return new HoldCheckResult(results, Map.of());
  }
}
