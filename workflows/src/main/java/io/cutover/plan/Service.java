package io.cutover.plan;

import java.util.List;
import java.util.Map;

/**
 * A service a {@code restart} step restarts. Either {@code restart} names a program that does it
 * (e.g. {@code [systemctl, restart, app]}), or Cutover manages the process itself: it stops the
 * process recorded in {@code pidFile} and runs {@code start} detached, logging to {@code log}.
 *
 * @param health probes that must pass after the restart before the next service is touched
 * @param ready how long the probes may fail after a restart (default 60s)
 */
public record Service(
    List<String> restart,
    List<String> start,
    String pidFile,
    String log,
    String cwd,
    Map<String, String> env,
    List<HttpProbe> health,
    Span ready) {
  public Service {
    restart = restart == null ? List.of() : List.copyOf(restart);
    start = start == null ? List.of() : List.copyOf(start);
    env = env == null ? Map.of() : Map.copyOf(env);
    health = health == null ? List.of() : List.copyOf(health);
    ready = ready == null ? Span.ofSeconds(60) : ready;
  }
}
