package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a failed step does, per step ({@code onFailure:}) or as the plan's default.
 *
 * <p>{@code rollback} (the default) rolls the run back at once. {@code decide} keeps the run where
 * it is and asks people: {@code retry} the step (after someone fixed what made it fail), {@code
 * skip} it (a reason is required, and a step marked {@code required: true} cannot be skipped), or
 * {@code rollback}. No decision within the step's {@code decideWithin} means rollback. A gate's
 * no-go and a monitor window's triggers are decisions already: they always roll back.
 */
public enum OnFailure {
  ROLLBACK,
  DECIDE;

  @JsonCreator
  public static OnFailure of(String text) {
    return PlanChoices.parse(OnFailure.class, text, "an onFailure choice");
  }

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
