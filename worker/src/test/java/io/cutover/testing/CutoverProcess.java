package io.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code cutover} command in its own JVM (dev server, worker), started with this JVM's classpath. */
public final class CutoverProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private CutoverProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static CutoverProcess start(Path log, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.cutover.cli.CutoverCommand");
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(log.getParent());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new CutoverProcess(p, log);
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
          throw new AssertionError("process exited (" + process.exitValue() + "): " + Files.readString(log));
        }
        Thread.sleep(100);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("'" + text + "' did not appear in " + log + " within " + seconds + "s");
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

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
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

  @Override
  public void close() {
    kill9();
  }
}
