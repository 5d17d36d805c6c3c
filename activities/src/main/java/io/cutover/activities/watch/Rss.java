package io.cutover.activities.watch;

import io.cutover.activities.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The resident set size of a process: {@code /proc/PID/status} on Linux, {@code ps} elsewhere. */
final class Rss {
  private Rss() {}

  static long bytes(long pid) throws IOException, InterruptedException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (Files.exists(Path.of("/proc/self/status"))) {
      if (!Files.exists(status)) {
        throw new IOException("no process " + pid);
      }
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
      throw new IOException("process " + pid + " reports no VmRSS (a zombie?)");
    }
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of("ps", "-o", "rss=", "-p", Long.toString(pid)),
            null,
            Map.of(),
            null,
            Duration.ofSeconds(10));
    if (r.timedOut() || r.exitCode() != 0 || r.outputTail().isBlank()) {
      throw new IOException("no process " + pid);
    }
    return Long.parseLong(r.outputTail().trim()) * 1024;
  }
}
