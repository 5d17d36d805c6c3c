package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Postpones the rest of the plan until every one of its {@code conditions} has held at every check,
 * every {@code interval}, for at least {@code stableFor}: a check at which one of them does not
 * hold starts the clock again. People can end the wait early with a {@code release} signal ({@code
 * {by, reason}}), or abort the run. When {@code deadline} passes first, the step fails and the run
 * rolls back, or, with {@code onDeadline: decide}, a decision gate {@code <id>.deadline} opens for
 * {@code deciders}: approve to go on, reject or no decision within {@code decideWithin} to roll
 * back. A hold reads and changes nothing.
 *
 * <p>Each check is one short, read-only activity evaluating all conditions; the wait between two is
 * a durable timer, so a hold survives worker restarts without restarting its clock. Every check
 * adds about a dozen events to the run's history, so a plan may not ask for more than {@link
 * #MAX_CHECKS} checks ({@code deadline / interval}).
 *
 * @param timeout how long one check may take (default 30s)
 * @param metrics metric sources, as a monitor's, that {@code until} conditions name
 * @param conditions what must hold, all at once
 * @param stableFor how long all conditions must hold without a break (default 0: the first check at
 *     which all hold ends the wait)
 * @param interval time between two checks (default 10s)
 * @param deadline how long the hold may last at most
 * @param onDeadline {@code rollback} (default) or {@code decide}
 * @param deciders who may decide at the deadline (default: anyone)
 * @param decideWithin how long the deadline decision may take (default 15m; none means roll back);
 *     also the time to decide after the hold failed, with {@code onFailure: decide}
 * @param onFailure, required as for every step (see {@link Step})
 */
public record HoldStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    Map<String, MetricSource> metrics,
    @JsonProperty(required = true) List<HoldCondition> conditions,
    Span stableFor,
    Span interval,
    @JsonProperty(required = true) Span deadline,
    TriggerAction onDeadline,
    List<Approver> deciders,
    Span decideWithin,
    OnFailure onFailure,
    Boolean required)
    implements Step {
  /** The most checks a hold may take: about a dozen history events each. */
  public static final int MAX_CHECKS = 1000;

  public static final Span DEFAULT_INTERVAL = Span.ofSeconds(10);
  public static final Span DEFAULT_DECIDE_WITHIN = Span.parse("15m");

  public HoldStep {
    metrics =
        metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    interval = interval == null ? DEFAULT_INTERVAL : interval;
    onDeadline = onDeadline == null ? TriggerAction.ROLLBACK : onDeadline;
    deciders = deciders == null ? List.of() : List.copyOf(deciders);
  }

  /** {@link #stableFor} in milliseconds, 0 when not given. */
  public long stableMillis() {
    return stableFor == null ? 0 : stableFor.millis();
  }

  /** The decision's deadline: {@link #decideWithin}, else 15 minutes. */
  public Span decideWithinOrDefault() {
    return decideWithin == null ? DEFAULT_DECIDE_WITHIN : decideWithin;
  }
}
