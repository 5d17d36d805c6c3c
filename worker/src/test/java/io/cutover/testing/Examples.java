package io.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** The repository's example folders, copied clean into a test's own directory. */
public final class Examples {
  private static final Set<String> RUN_OUTPUT = Set.of("work", "backups", "records");

  private Examples() {}

  /** The repository root (where {@code examples/} lives), from any module's test directory. */
  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the repository's examples/ folder from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /**
   * Copies {@code examples/<name>} without any earlier run's output; returns the copy's plan.yaml.
   */
  public static Path copy(String name, Path into) {
    Path from = root().resolve("examples").resolve(name);
    Path to = into.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (rel.getNameCount() > 0 && RUN_OUTPUT.contains(rel.getName(0).toString())) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to.resolve("plan.yaml");
  }
}
