package io.cutover.activities.process;

import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Pulse;
import io.cutover.activities.support.Refs;
import java.io.File;
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
import java.util.stream.Stream;

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

  public static ProcessBuilder builder(
      List<String> argv, String cwd, Map<String, String> env, String baseDir) {
    ProcessBuilder pb = new ProcessBuilder(resolve(argv, baseDir));
    pb.directory(PlanPaths.resolve(baseDir, cwd == null ? "." : cwd).toFile());
    env.forEach((k, v) -> pb.environment().put(k, Refs.resolve(v, baseDir)));
    return pb;
  }

  public static Result run(
      List<String> argv, String cwd, Map<String, String> env, String baseDir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("cutover-cmd", ".log");
    try {
      ProcessBuilder pb = builder(argv, cwd, env, baseDir);
      pb.redirectErrorStream(true);
      pb.redirectOutput(out.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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

  /**
   * Sends TERM to the process and then to every descendant it had, waits up to {@code grace}, then
   * KILLs whatever is left. The parent goes first: a shell whose child was killed first would run
   * its next command ({@code sh -c 'stop-old; start-new'} must not reach start-new).
   */
  public static void stop(ProcessHandle h, Duration grace) {
    List<ProcessHandle> family = new ArrayList<>();
    family.add(h);
    h.descendants().forEach(family::add);
    family.forEach(ProcessHandle::destroy);
    if (!awaitExit(family, grace)) {
      family.forEach(ProcessHandle::destroyForcibly);
      awaitExit(family, Duration.ofSeconds(5)); // what still lives is reported by the caller
    }
  }

  /**
   * Whether the process still runs. A dead process whose parent died first stays a zombie until the
   * system's init reaps it, which in containers can take seconds; {@link ProcessHandle#isAlive}
   * counts zombies as alive.
   */
  public static boolean isRunning(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : 'R';
      if (state == 'X') {
        return false;
      }
      if (state == 'Z') {
        // A JVM's first thread can end before the others: the leader then shows Z while the
        // process still runs (and holds its sockets) in its other threads.
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(h.pid()), "task"))) {
          return tasks.count() > 1;
        }
      }
      return true;
    } catch (IOException | RuntimeException noProcFs) {
      return h.isAlive();
    }
  }

  private static boolean awaitExit(List<ProcessHandle> family, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (family.stream().anyMatch(ProcessRunner::isRunning)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
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
