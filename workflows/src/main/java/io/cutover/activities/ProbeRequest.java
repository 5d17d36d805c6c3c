package io.cutover.activities;

import io.cutover.plan.HttpProbe;
import java.util.List;

/**
 * Probes to run until they all pass.
 *
 * @param deadlineMillis how long they may keep failing, counted from the first attempt
 * @param intervalMillis wait between two rounds
 */
public record ProbeRequest(
    StepContext context, List<HttpProbe> probes, long deadlineMillis, long intervalMillis) {
  public ProbeRequest {
    probes = probes == null ? List.of() : List.copyOf(probes);
  }
}
