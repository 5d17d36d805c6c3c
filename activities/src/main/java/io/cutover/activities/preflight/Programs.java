package io.cutover.activities.preflight;

import io.cutover.activities.support.PlanPaths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an argv's program is, the way the process will be started: a path, or a name on the PATH.
 */
final class Programs {
  private Programs() {}

  /** Null when the program can be run here, else why not. */
  static String problem(String program, String cwd, String baseDir) {
    if (program.isBlank()) {
      return "an empty program name";
    }
    if (program.contains("/")) {
      Path p = PlanPaths.resolve(baseDir, cwd == null ? "." : cwd).resolve(program).normalize();
      if (!Files.exists(p)) {
        return "program " + p + " does not exist";
      }
      if (!Files.isExecutable(p) || Files.isDirectory(p)) {
        return "program " + p + " is not executable (chmod +x, or run it through its interpreter)";
      }
      return null;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()
          && Files.isExecutable(Path.of(dir, program))
          && !Files.isDirectory(Path.of(dir, program))) {
        return null;
      }
    }
    return "program '" + program + "' is not on this worker's PATH (" + path + ")";
  }
}
