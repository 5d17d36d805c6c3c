package io.cutover.workflow;

import io.cutover.activities.NotifyResult;
import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.plan.NotifyStep;
import io.cutover.plan.Webhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends a notify step's message; an undelivered message is evidence, never a failure. */
final class NotifyRunner implements StepRunner<NotifyStep> {
  @Override
  public StepOutcome run(NotifyStep step, StepEnv env) {
    List<Webhook> hooks =
        step.url() != null
            ? List.of(
                new Webhook(step.id(), step.url(), step.headers(), step.body(), List.of("step")))
            : env.plan.hooks();
    List<NotifyResult> results =
        env.notifier.sendNow(
            "step",
            hooks,
            Map.of("message", step.message(), "step", step.id()),
            env.options(step, Duration.ofSeconds(30)));
    List<Evidence> evidence = new ArrayList<>();
    int delivered = 0;
    for (NotifyResult r : results) {
      evidence.add(
          new Evidence(
              "message to " + r.hook(),
              "delivered",
              (r.delivered() ? "delivered: " : "NOT delivered (ignored): ") + r.detail(),
              null));
      delivered += r.delivered() ? 1 : 0;
    }
    return new StepOutcome(
        "'"
            + step.message()
            + "' delivered to "
            + delivered
            + " of "
            + results.size()
            + " webhook(s)",
        evidence,
        List.of());
  }
}
