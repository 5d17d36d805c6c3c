package io.cutover.plan;

import java.util.List;

/**
 * The first instance of a {@code restart} step as a canary: after it passes its own health probes
 * it must also pass {@code checks} (e.g. smoke tests against it) and stay healthy for {@code soak},
 * before any other instance is touched.
 *
 * @param checks probes run against the canary once it is healthy
 * @param soak how long its health probes (and checks) must keep passing (default: no soak)
 * @param interval time between two rounds of probes while soaking (default 1s)
 */
public record Canary(List<HttpProbe> checks, Span soak, Span interval) {
  public Canary {
    checks = checks == null ? List.of() : List.copyOf(checks);
    interval = interval == null ? Span.ofSeconds(1) : interval;
  }
}
