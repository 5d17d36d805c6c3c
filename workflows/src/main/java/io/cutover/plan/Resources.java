package io.cutover.plan;

import java.util.Map;

/** What a plan's steps refer to by name. */
public record Resources(Map<String, Database> databases, Map<String, Service> services) {
  public Resources {
    databases = databases == null ? Map.of() : Map.copyOf(databases);
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  public static Resources none() {
    return new Resources(null, null);
  }
}
