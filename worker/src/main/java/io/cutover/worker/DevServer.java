package io.cutover.worker;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server ({@code temporal server start-dev}) as a child process: started,
 * waited for until its namespace answers, stopped or killed. With a database file its runs survive
 * a restart (or a SIGKILL) on the same file.
 */
public final class DevServer implements AutoCloseable {
  private final DevServerOptions options;
  private final Process process;

  private DevServer(DevServerOptions options, Process process) {
    this.options = options;
    this.process = process;
  }

  /** Starts the server and waits (up to {@code timeout}) until its namespace answers. */
  public static DevServer start(DevServerOptions options, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(options.argv()).redirectErrorStream(true);
    try {
      if (options.dbFile() != null && options.dbFile().toAbsolutePath().getParent() != null) {
        Files.createDirectories(options.dbFile().toAbsolutePath().getParent());
      }
      if (options.logFile() != null) {
        Files.createDirectories(options.logFile().toAbsolutePath().getParent());
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()));
      } else {
        pb.inheritIO();
      }
      DevServer server = new DevServer(options, pb.start());
      server.awaitReady(timeout);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start " + String.join(" ", options.argv()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new server process on the same ports and database file (after {@link #kill()} or {@link
   * #stop()}).
   */
  public DevServer restart(Duration timeout) {
    if (process.isAlive()) {
      throw new IllegalStateException(
          "the dev server (pid " + process.pid() + ") is still running");
    }
    return start(options, timeout);
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(options.address()).build());
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          stop();
          throw new IllegalStateException(
              "the Temporal dev server exited with "
                  + process.exitValue()
                  + " at start: "
                  + String.join(" ", options.argv())
                  + tail());
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(options.namespace()).build());
          return;
        } catch (RuntimeException notYet) {
          last = notYet.getMessage();
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } finally {
      stubs.shutdownNow();
    }
    kill();
    throw new IllegalStateException(
        "the Temporal dev server did not answer at "
            + options.address()
            + " within "
            + timeout
            + " ("
            + last
            + ")"
            + tail());
  }

  private String tail() {
    if (options.logFile() == null || !Files.exists(options.logFile())) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(options.logFile(), StandardCharsets.UTF_8);
      return "\nlast lines of "
          + options.logFile()
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  public DevServerOptions options() {
    return options;
  }

  public String address() {
    return options.address();
  }

  /** The Web UI's base URL, or null when headless. */
  public String uiUrl() {
    return options.uiPort() == 0 ? null : "http://" + options.ip() + ":" + options.uiPort();
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** SIGKILL: no shutdown of any kind, as a crashed machine. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the process exits; returns its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
