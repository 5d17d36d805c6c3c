package io.cutover.workflow;

import io.cutover.activities.ApiActivities;
import io.cutover.activities.ApiCallRequest;
import io.cutover.activities.ApiCallResult;
import io.cutover.activities.ApiUndoRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HttpCall;
import io.cutover.plan.HttpStep;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an {@code http} step's requests. The undo of the requests that have one is registered
 * first; it runs with whatever ids were captured, from the result or from the failure.
 */
final class HttpRunner implements StepRunner<HttpStep> {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  @Override
  public StepOutcome run(HttpStep step, StepEnv env) {
    ApiActivities api = env.stub(ApiActivities.class, step, DEFAULT_TIMEOUT);
    Map<String, String> captured = new LinkedHashMap<>();
    long retryAfterMax = step.retryAfterMax().millis();
    if (step.destructive()) {
      List<String> undone =
          step.requests().stream().filter(r -> r.undo() != null).map(HttpCall::label).toList();
      env.compensate(
          "http:" + step.id(),
          step,
          "undo " + String.join(", ", undone),
          "undo by hand what step '"
              + step.id()
              + "' created ("
              + String.join(", ", undone)
              + "); ids captured: see the step's evidence",
          () ->
              api.undo(
                  new ApiUndoRequest(
                      env.context(step), step.requests(), Map.copyOf(captured), retryAfterMax)));
    }
    try {
      ApiCallResult r =
          api.call(new ApiCallRequest(env.context(step), step.requests(), retryAfterMax));
      captured.putAll(r.captures());
      return r.outcome();
    } catch (ActivityFailure e) {
      captured.putAll(capturesOf(e));
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> capturesOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af
          && af.getDetails() != null
          && af.getDetails().getSize() > 1) {
        try {
          Map<String, String> m = af.getDetails().get(1, Map.class);
          return m == null ? Map.of() : m;
        } catch (RuntimeException notCaptures) {
          return Map.of();
        }
      }
    }
    return Map.of();
  }
}
