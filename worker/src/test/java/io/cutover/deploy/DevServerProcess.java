package io.cutover.deploy;

import io.cutover.testing.Ports;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code temporal server start-dev} of the pinned CLI with flags of the test's choosing (such as
 * {@code --dynamic-config-value}), headless, in memory, on a free loopback port, its output in a
 * log file. {@link #close()} stops it.
 */
final class DevServerProcess implements AutoCloseable {
  private final Process process;
  private final String address;
  private final Path log;
  private final WorkflowServiceStubs stubs;

  private DevServerProcess(Process process, String address, Path log) {
    this.process = process;
    this.address = address;
    this.log = log;
    this.stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
  }

  /** Starts the server and waits (up to 60 s) until its default namespace answers. */
  static DevServerProcess start(Path cli, Path log, List<String> flags) throws Exception {
    int port = Ports.free();
    List<String> argv = new ArrayList<>(List.of(cli.toString(), "server", "start-dev", "--headless",
        "--ip", "127.0.0.1", "--port", Integer.toString(port)));
    argv.addAll(flags);
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DevServerProcess server = new DevServerProcess(p, "127.0.0.1:" + port, log);
    try {
      server.awaitReady();
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("temporal server start-dev exited with " + process.exitValue() + ":\n" + logText());
      }
      try {
        stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
            .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return;
      } catch (RuntimeException notYet) {
        last = notYet;
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the dev server at " + address + " did not answer within 60 s", last);
  }

  String address() {
    return address;
  }

  WorkflowServiceStubs stubs() {
    return stubs;
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); its log is complete afterwards. */
  @Override
  public void close() {
    stubs.shutdownNow();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
