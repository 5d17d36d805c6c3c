package io.cutover.activities;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one check of a {@code hold} step found.
 *
 * @param conditions one per condition, in the plan's order
 * @param readings each metric's raw reading, to hand to the next check
 */
public record HoldCheckResult(List<ConditionResult> conditions, Map<String, Reading> readings) {
  public HoldCheckResult {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    readings =
        readings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(readings));
  }

  /** True when every condition holds. */
  public boolean allHold() {
    return !conditions.isEmpty() && conditions.stream().allMatch(ConditionResult::holds);
  }

  /** How many conditions hold. */
  public long holding() {
    return conditions.stream().filter(ConditionResult::holds).count();
  }
}
