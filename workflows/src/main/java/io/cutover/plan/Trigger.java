package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A measurable rollback trigger of a monitor window.
 *
 * @param name short id, used in the decision gate's id {@code <step>.<name>} (default: the metric's
 *     name)
 * @param when the condition in a runbook's words, see {@link Condition}
 * @param action {@code rollback} (default) or {@code decide}
 * @param decideWithin how long people have to decide before it rolls back (default: the monitor's
 *     {@code decideWithin}, else 15m)
 * @param deciders who may decide (default: the monitor's {@code deciders}, else anyone)
 * @param over for {@code growing} conditions: the span the growth is measured over (default 10m;
 *     scaled with the window, but never shorter than three sample intervals). Growth must also last
 *     longer than this span (it must hold for the span plus one sample at least), so that a one-off
 *     jump in memory is not taken for a trend.
 */
public record Trigger(
    String name,
    @JsonProperty(required = true) String when,
    TriggerAction action,
    Span decideWithin,
    List<Approver> deciders,
    Span over) {
  public Trigger {
    action = action == null ? TriggerAction.ROLLBACK : action;
    deciders = deciders == null ? List.of() : List.copyOf(deciders);
  }

  /** The parsed condition; throws {@link IllegalArgumentException} if it cannot be read. */
  public Condition condition() {
    return Condition.parse(when);
  }

  /** The name, or the watched metric's name when none was given. */
  public String label() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    try {
      return condition().metric();
    } catch (IllegalArgumentException e) {
      return "trigger";
    }
  }
}
