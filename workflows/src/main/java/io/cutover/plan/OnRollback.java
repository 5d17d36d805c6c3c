package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a rollback does with what a step wrote to the new system: undo it (the default), or keep it
 * for root-cause analysis (seed 001: "preserve PostgreSQL artifacts"). Keeping is safe only where
 * the old system does not read what was written; the next attempt must start clean.
 */
public enum OnRollback {
  UNDO,
  KEEP;

  @JsonCreator
  public static OnRollback of(String text) {
    return PlanChoices.parse(OnRollback.class, text, "a rollback choice");
  }

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
