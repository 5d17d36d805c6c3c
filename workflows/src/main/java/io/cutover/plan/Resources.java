package io.cutover.plan;

import java.util.Map;

/**
 * What a plan's steps refer to by name.
 *
 * @param hosts machines that steps name with {@code host}; listing one is optional and sets how
 *     long its steps wait for a worker there
 */
public record Resources(
    Map<String, Database> databases, Map<String, Service> services, Map<String, HostSpec> hosts) {
  public Resources {
    databases = databases == null ? Map.of() : Map.copyOf(databases);
    services = services == null ? Map.of() : Map.copyOf(services);
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
  }

  public static Resources none() {
    return new Resources(null, null, null);
  }

  /** The host's settings, the defaults when the plan does not list it. */
  public HostSpec host(String name) {
    HostSpec h = hosts.get(name);
    return h != null ? h : new HostSpec(null, null);
  }
}
