package io.cutover.activities.support;

import java.nio.file.Path;

/** Resolves a plan's relative paths against the plan's folder. */
public final class PlanPaths {
  private PlanPaths() {}

  public static Path resolve(String baseDir, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p.normalize();
    }
    Path base = baseDir == null ? Path.of("").toAbsolutePath() : Path.of(baseDir);
    return base.resolve(p).normalize();
  }
}
