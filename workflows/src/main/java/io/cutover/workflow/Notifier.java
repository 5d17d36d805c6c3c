package io.cutover.workflow;

import io.cutover.activities.NotifyActivities;
import io.cutover.activities.NotifyRequest;
import io.cutover.activities.NotifyResult;
import io.cutover.api.NotificationRecord;
import io.cutover.plan.Webhook;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Tells the plan's webhooks what happens: a gate opens, a trigger fires, a rollback starts, the run
 * ends. Messages go out in the background, in a detached scope (an abort must not swallow the news
 * of its own rollback); a webhook that fails is logged and recorded, never fails the run.
 */
final class Notifier {
  private static final Logger log = Workflow.getLogger(Notifier.class);
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder(StepEnv.DEFAULT_OPTIONS)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder(StepEnv.DEFAULT_RETRY).setMaximumAttempts(2).build())
          .build();

  private final StepEnv env;
  private final List<Promise<NotifyResult>> pending = new ArrayList<>();

  /** The last message sent to each hook: the next one to that hook waits for it. */
  private final Map<String, Promise<NotifyResult>> lastByHook = new HashMap<>();

  Notifier(StepEnv env) {
    this.env = env;
  }

  /** Sends the event to every hook that listens for it, without waiting. */
  void send(String event, Map<String, String> fields) {
    if (env.dryRun != null) {
      return; // a dry run tells no one: nothing is happening
    }
    List<Webhook> hooks = env.plan.hooks().stream().filter(h -> h.on().contains(event)).toList();
    if (hooks.isEmpty()) {
      return;
    }
    Map<String, String> all = fields(event, fields);
    Workflow.newDetachedCancellationScope(
            () -> {
              NotifyActivities notify = Workflow.newActivityStub(NotifyActivities.class, OPTIONS);
              for (Webhook hook : hooks) {
                NotifyRequest request = new NotifyRequest(env.context("notify"), hook, all);
                Promise<NotifyResult> before = lastByHook.get(hook.label());
                Promise<NotifyResult> sent;
                if (before != null && !before.isCompleted() && inOrderPerHook()) {
                  // A chat channel must not read "run ended" before "gate opened".
                  sent =
                      Async.function(
                          () -> {
                            before.get();
                            return notify.send(request);
                          });
                } else {
                  sent = Async.function(notify::send, request);
                }
                Promise<NotifyResult> recorded =
                    sent.handle((r, failure) -> record(event, hook, r, failure));
                lastByHook.put(hook.label(), recorded);
                pending.add(recorded);
              }
            })
        .run();
  }

  /** Sends to the given hooks and waits: for a notify step. */
  List<NotifyResult> sendNow(
      String event, List<Webhook> hooks, Map<String, String> fields, ActivityOptions options) {
    NotifyActivities notify = Workflow.newActivityStub(NotifyActivities.class, options);
    Map<String, String> all = fields(event, fields);
    List<NotifyResult> out = new ArrayList<>();
    for (Webhook hook : hooks) {
      NotifyResult r;
      try {
        r = notify.send(new NotifyRequest(env.context("notify"), hook, all));
      } catch (RuntimeException e) {
        r = record(event, hook, null, e);
        out.add(r);
        continue;
      }
      out.add(record(event, hook, r, null));
    }
    return out;
  }

  // Runs recorded before messages were ordered per hook sent the next message at once.
  private static boolean inOrderPerHook() {
    return Workflow.getVersion("notify-in-order-per-hook", Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Waits for messages still on their way, so the report lists them. */
  void drain() {
    List<Promise<NotifyResult>> all = new ArrayList<>(pending);
    pending.clear();
    if (!all.isEmpty()) {
      Workflow.newDetachedCancellationScope(() -> Promise.allOf(all).get()).run();
    }
  }

  private NotifyResult record(
      String event, Webhook hook, NotifyResult r, RuntimeException failure) {
    NotifyResult result =
        r != null
            ? r
            : new NotifyResult(
                hook.label(), false, failure == null ? "no answer" : Failures.describe(failure));
    env.state.notifications.add(
        new NotificationRecord(
            event, hook.label(), env.state.now(), result.delivered(), result.detail()));
    if (!result.delivered()) {
      log.warn(
          "Webhook {} did not take the {} message (ignored, the cutover goes on): {}",
          hook.label(),
          event,
          result.detail());
    }
    return result;
  }

  private Map<String, String> fields(String event, Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("plan", env.plan.name());
    m.put("anchor", env.plan.anchor());
    m.put("target", env.plan.target());
    m.put("workflowId", Workflow.getInfo().getWorkflowId());
    m.put("status", String.valueOf(env.state.status));
    m.put("at", env.state.now());
    extra.forEach((k, v) -> m.put(k, v == null ? "" : v));
    m.putIfAbsent("message", event);
    return m;
  }
}
