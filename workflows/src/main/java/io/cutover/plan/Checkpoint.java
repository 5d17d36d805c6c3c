package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Steps run at a fixed offset into a monitor window (e.g. hour 1, 8 and 24), while sampling goes
 * on: validations, commands, health checks, and {@code gate} steps for a sign-off.
 *
 * @param at offset from the start of the window; scales with the window when the monitor declares
 *     {@code nominal}
 * @param onFailure {@code rollback} (default) or {@code decide}: ask people whether to go on
 */
public record Checkpoint(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) Span at,
    List<Step> steps,
    TriggerAction onFailure) {
  public Checkpoint {
    steps = steps == null ? List.of() : List.copyOf(steps);
    onFailure = onFailure == null ? TriggerAction.ROLLBACK : onFailure;
  }
}
