package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A webhook Cutover POSTs a JSON message to. The {@code body} is a template (a map, or JSON text)
 * whose strings may say {@code ${hook.FIELD}} for the fields {@code event}, {@code message}, {@code
 * plan}, {@code anchor}, {@code target}, {@code workflowId}, {@code step}, {@code gate}, {@code
 * trigger}, {@code value}, {@code status}, {@code reason}, {@code deadline}, {@code approvers} and
 * {@code at} (the older {@code {{FIELD}}} is still read); without one a Slack-style {@code {"text":
 * ...}} body with every field is sent. A webhook that fails is logged and reported, never fails the
 * cutover.
 *
 * @param on events that reach this hook: {@code gate-opened}, {@code gate-evidence-changed}, {@code
 *     trigger-fired}, {@code decision-needed} (a step with {@code onFailure: decide} failed),
 *     {@code rollback-started}, {@code run-ended} (default: all)
 * @param headers request headers; values may be references such as {@code ${env:HOOK_TOKEN}}
 */
public record Webhook(
    String name,
    @JsonProperty(required = true) String url,
    Map<String, String> headers,
    Object body,
    List<String> on) {
  /** Every event a plan-level hook can receive. */
  public static final List<String> EVENTS =
      List.of(
          "gate-opened",
          "gate-evidence-changed",
          "trigger-fired",
          "decision-needed",
          "rollback-started",
          "run-ended");

  public Webhook {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    on = on == null || on.isEmpty() ? EVENTS : List.copyOf(on);
  }

  public String label() {
    return name != null && !name.isBlank() ? name : url;
  }
}
