package io.cutover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plans for monitor-window tests: a switch the rollback can undo, then the window under test. */
public final class MonitorPlans {
  private MonitorPlans() {}

  /**
   * Writes {@code dir/NAME.yaml}: a command step touching {@code switched}, then {@code monitor}
   * (YAML steps).
   */
  public static Path switchThenWatch(Path dir, String name, String monitor) throws IOException {
    return switchThenWatch(dir, name, "", monitor);
  }

  /** The same, with plan-level sections ({@code head}: notify, vars, …) before the steps. */
  public static Path switchThenWatch(Path dir, String name, String head, String monitor)
      throws IOException {
    Path plan = dir.resolve(name + ".yaml");
    Files.writeString(
        plan,
        """
        name: %s
        anchor: test-%s
        target: %s
        %s
        steps:
          - id: switch
            type: command
            argv: [touch, switched]
            undo: [rm, -f, switched]
        %s
        """
            .formatted(name, name, name, head, monitor.indent(2)));
    return plan;
  }
}
