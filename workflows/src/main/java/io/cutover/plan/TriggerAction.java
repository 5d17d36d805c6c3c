package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens when a trigger fires or a checkpoint fails. */
public enum TriggerAction {
  /** Roll back at once. */
  ROLLBACK,
  /**
   * Open a decision gate: approving it means continue, rejecting it means roll back, and no
   * decision before its deadline means roll back.
   */
  DECIDE;

  @JsonCreator
  public static TriggerAction of(String text) {
    return PlanChoices.parse(TriggerAction.class, text, "an action");
  }

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
