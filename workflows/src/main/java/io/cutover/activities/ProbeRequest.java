package io.cutover.activities;

import io.cutover.plan.HttpProbe;
import java.util.List;

public record ProbeRequest(StepContext context, List<HttpProbe> probes) {
  public ProbeRequest {
    probes = probes == null ? List.of() : List.copyOf(probes);
  }
}
