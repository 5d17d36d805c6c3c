package io.cutover.activities;

import io.cutover.plan.HoldCondition;
import io.cutover.plan.MetricSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check of a {@code hold} step: evaluate every condition once.
 *
 * @param metrics the hold's metric sources, by name
 * @param databases the databases its {@code sql} conditions name
 * @param previous each metric's reading at the previous check (none at the first): a counter's rate
 *     and a log's new lines are measured from it
 * @param previousMillis workflow time of the previous check (0 at the first)
 * @param startMillis when the hold began (workflow time): {@code ${window.start}} for command
 *     metrics
 * @param atMillis workflow time of this check: {@code timeOfDay} conditions are evaluated at it, so
 *     a retry of the check gives the same answer
 */
public record HoldCheckRequest(
    StepContext context,
    List<HoldCondition> conditions,
    Map<String, MetricSource> metrics,
    Map<String, DbRef> databases,
    Map<String, Reading> previous,
    long previousMillis,
    long startMillis,
    long atMillis) {
  public HoldCheckRequest {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    metrics =
        metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    databases = databases == null ? Map.of() : Map.copyOf(databases);
    previous = previous == null ? Map.of() : Map.copyOf(previous);
  }
}
