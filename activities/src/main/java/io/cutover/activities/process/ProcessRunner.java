package io.cutover.activities.process;

import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Pulse;
import io.cutover.activities.support.Refs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process from an argv list (never through a shell) and captures its output. */
public final class ProcessRunner {
  private static final int TAIL_BYTES = 4096;

  /** How a process ended: its exit code (null if it was killed on timeout) and output tail. */
  public record Result(Integer exitCode, String outputTail, long millis) {
    public boolean timedOut() {
      return exitCode == null;
    }
  }

  private ProcessRunner() {}

  /** argv and env values with worker-side references resolved; only used to spawn. */
  public static List<String> resolve(List<String> argv, String baseDir) {
    List<String> out = new ArrayList<>(argv.size());
    for (String a : argv) {
      out.add(Refs.resolve(a, baseDir));
    }
    return out;
  }

  public static ProcessBuilder builder(List<String> argv, String cwd, Map<String, String> env, String baseDir) {
    ProcessBuilder pb = new ProcessBuilder(resolve(argv, baseDir));
    pb.directory(PlanPaths.resolve(baseDir, cwd == null ? "." : cwd).toFile());
    env.forEach((k, v) -> pb.environment().put(k, Refs.resolve(v, baseDir)));
    return pb;
  }

  public static Result run(List<String> argv, String cwd, Map<String, String> env, String baseDir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("cutover-cmd", ".log");
    try {
      ProcessBuilder pb = builder(argv, cwd, env, baseDir);
      pb.redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      long start = System.nanoTime();
      Process p = pb.start();
      long deadline = start + timeout.toNanos();
      long startedAt = System.currentTimeMillis();
      int polls = 0;
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (++polls % 5 == 0) {
          OutputProgress.report(tail(out), startedAt);
        }
        if (System.nanoTime() > deadline || Pulse.cancelRequested()) {
          stop(p.toHandle(), Duration.ofSeconds(5));
          Pulse.failIfShuttingDown(String.join(" ", argv));
          return new Result(null, tail(out), (System.nanoTime() - start) / 1_000_000);
        }
      }
      return new Result(p.exitValue(), tail(out), (System.nanoTime() - start) / 1_000_000);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Sends TERM, waits up to {@code grace}, then KILL; descendants first. */
  public static void stop(ProcessHandle h, Duration grace) {
    h.descendants().forEach(ProcessHandle::destroy);
    h.destroy();
    try {
      h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
      h.destroyForcibly();
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Reported by the caller through the process still being alive.
      }
    }
  }

  public static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      long from = Math.max(0, len - TAIL_BYTES);
      byte[] buf = new byte[(int) (len - from)];
      raf.seek(from);
      raf.readFully(buf);
      String s = new String(buf, StandardCharsets.UTF_8);
      return (from > 0 ? "…" : "") + s.strip();
    }
  }
}
