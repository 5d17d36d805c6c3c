package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The programs (argv lists, never shell strings) that switch maintenance mode on and off. */
public record MaintenanceCommand(
    @JsonProperty(required = true) List<String> on,
    @JsonProperty(required = true) List<String> off,
    String cwd,
    Map<String, String> env) {
  public MaintenanceCommand {
    on = on == null ? List.of() : List.copyOf(on);
    off = off == null ? List.of() : List.copyOf(off);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
