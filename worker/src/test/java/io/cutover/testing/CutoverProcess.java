package io.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code cutover} command in its own JVM (dev server, worker), started with this JVM's classpath.
 */
public final class CutoverProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final boolean ownsChildren;

  private CutoverProcess(Process process, Path log, boolean ownsChildren) {
    this.ownsChildren = ownsChildren;
    this.process = process;
    this.log = log;
  }

  public static CutoverProcess start(Path log, String... args) {
    return start(log, Map.of(), args);
  }

  /** The same with extra environment variables. */
  public static CutoverProcess start(Path log, Map<String, String> env, String... args) {
    return start(log, env, false, args);
  }

  /**
   * A process that Ctrl-C ({@link #interrupt()}) reaches as it reaches one in a terminal: a process
   * started in the background inherits SIGINT ignored, so python resets it to the default before it
   * becomes the JVM (exec keeps the pid).
   */
  public static CutoverProcess startInterruptible(
      Path log, Map<String, String> env, String... args) {
    return start(log, env, true, args);
  }

  private static CutoverProcess start(
      Path log, Map<String, String> env, boolean interruptible, String... args) {
    List<String> cmd = new ArrayList<>();
    if (interruptible) {
      cmd.addAll(
          List.of(
              "python3",
              "-c",
              "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                  + " os.execv(sys.argv[1], sys.argv[1:])"));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.cutover.cli.CutoverCommand");
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // A null value removes the variable: a run without a secret the plan references.
      env.forEach(
          (k, v) -> {
            if (v == null) {
              pb.environment().remove(k);
            } else {
              pb.environment().put(k, v);
            }
          });
      Process p = pb.start();
      return new CutoverProcess(p, log, List.of(args).contains("dev-server"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the log contains the text (e.g. a start-up line). */
  public CutoverProcess awaitLog(String text, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return this;
        }
        if (!process.isAlive()) {
          throw new AssertionError(
              "process exited (" + process.exitValue() + "): " + Files.readString(log));
        }
        Thread.sleep(100);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "'" + text + "' did not appear in " + log + " within " + seconds + "s");
  }

  public static void awaitPort(int port, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new AssertionError("nothing listens on 127.0.0.1:" + port + " after " + seconds + "s");
  }

  /**
   * Waits for the process to exit; its exit code, or an AssertionError with its log after {@code
   * seconds}.
   */
  public int exitCode(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        kill9();
        throw new AssertionError("still running after " + seconds + " s; log:\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Everything the process wrote so far. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGINT, as Ctrl-C at a terminal sends it. */
  public void interrupt() {
    try {
      int code = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (code != 0) {
        throw new IllegalStateException("kill -INT " + process.pid() + " exited with " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM: the process's shutdown hooks run (a worker shuts down gracefully). */
  public void term() {
    process.destroy();
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL: no shutdown hook, no graceful anything. */
  public void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGKILL; for a {@code cutover dev-server}, of the {@code temporal} binary it runs as well,
   * which a SIGKILL of the JVM alone would orphan. (A worker's children are left alone: the
   * services it started outlive it, as they would in production; tests stop them by pid file.)
   */
  @Override
  public void close() {
    List<ProcessHandle> children =
        ownsChildren ? process.toHandle().descendants().toList() : List.of();
    kill9();
    for (ProcessHandle child : children) {
      child.destroyForcibly();
      child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
    }
  }
}
