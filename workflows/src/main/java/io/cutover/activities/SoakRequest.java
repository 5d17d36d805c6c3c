package io.cutover.activities;

import io.cutover.plan.HttpProbe;
import java.util.List;

/**
 * Probes that must keep passing for {@code durationMillis}, checked every {@code intervalMillis}.
 */
public record SoakRequest(
    StepContext context,
    String label,
    List<HttpProbe> probes,
    long durationMillis,
    long intervalMillis) {
  public SoakRequest {
    probes = probes == null ? List.of() : List.copyOf(probes);
  }
}
