package io.cutover.testing;

import io.cutover.worker.DevServer;
import io.cutover.worker.DevServerOptions;
import io.cutover.worker.TemporalCli;
import io.cutover.worker.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server of the pinned CLI ({@code tools/install-temporal-cli}) for tests, on
 * free loopback ports, its runs in a SQLite file so it can be killed and restarted on the same
 * file. Fails (never skips) when the CLI is not installed: {@code ./mvnw verify} installs it.
 */
public final class RealTemporal implements AutoCloseable {
  private static RealTemporal shared;

  private final Path dir;
  private DevServer server;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private final List<WorkerFactory> factories = new ArrayList<>();

  private RealTemporal(Path dir, DevServerOptions options) {
    this.dir = dir;
    this.server = DevServer.start(options, Duration.ofSeconds(90));
    connect(WorkerSetup.clientOptions());
  }

  /**
   * A server of its own, keeping its runs and log in {@code dir}; with the Web UI when {@code ui}.
   */
  public static RealTemporal start(Path dir, boolean ui) {
    return start(dir, ui, null);
  }

  /** The same, with the UI decoding payloads through {@code codecEndpoint} (may be null). */
  public static RealTemporal start(Path dir, boolean ui, String codecEndpoint) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = Ports.free();
    DevServerOptions options =
        DevServerOptions.newBuilder()
            .setCli(TemporalCli.require())
            .setPort(port)
            .setUiPort(ui ? Ports.free() : 0)
            .setDbFile(dir.resolve("temporal.db"))
            .setLogFile(dir.resolve("dev-server.log"))
            .setCodecEndpoint(codecEndpoint)
            .build();
    return new RealTemporal(dir, options);
  }

  /**
   * One headless server for this test JVM, started on first use and stopped when the JVM exits.
   * Tests that share it use workflow ids of their own and stop the workers they start.
   */
  public static synchronized RealTemporal shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("cutover-real-temporal");
        shared = start(dir, false);
        RealTemporal s = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "real-temporal-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  private void connect(WorkflowClientOptions options) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    client = WorkflowClient.newInstance(stubs, options);
  }

  public String address() {
    return server.address();
  }

  /** The Web UI's base URL (null when headless). */
  public String uiUrl() {
    return server.uiUrl();
  }

  public Path cli() {
    return server.options().cli();
  }

  public Path dir() {
    return dir;
  }

  public long pid() {
    return server.pid();
  }

  /** A client with Cutover's data converter. */
  public WorkflowClient client() {
    return client;
  }

  /** A client with other options (a codec, say) on the same server. */
  public WorkflowClient client(WorkflowClientOptions options) {
    return WorkflowClient.newInstance(stubs, options);
  }

  /**
   * A started worker in this JVM (task queue cutover, and cutover-HOST when host is given); stopped
   * by {@link #stopWorkers()} or close.
   */
  public WorkerFactory worker(String host) {
    WorkerFactory f = WorkerSetup.factory(client, host);
    f.start();
    factories.add(f);
    return f;
  }

  /** Stops every worker this object started in this JVM. */
  public void stopWorkers() {
    for (WorkerFactory f : factories) {
      f.shutdown();
    }
    for (WorkerFactory f : factories) {
      f.awaitTermination(30, TimeUnit.SECONDS);
    }
    factories.clear();
  }

  /** A {@code cutover worker} in its own JVM against this server, started once it polls. */
  public CutoverProcess workerProcess(Path log, String... extra) {
    List<String> args = new ArrayList<>(List.of("worker", "--address", address()));
    args.addAll(List.of(extra));
    return CutoverProcess.start(log, args.toArray(String[]::new))
        .awaitLog("polling task queue", 60);
  }

  /** SIGKILL of the server process: no shutdown of any kind. */
  public void kill() {
    server.kill();
  }

  /** A new server process on the same ports and database file. */
  public void restart() {

    server = server.restart(Duration.ofSeconds(90));
  }

  /** The commands' common arguments for the real {@code temporal} CLI against this server. */
  public List<String> cliArgs(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(cli().toString());
    argv.addAll(List.of(args));
    argv.addAll(List.of("--address", address()));
    return argv;
  }

  @Override
  public void close() {
    stopWorkers();
    if (stubs != null) {
      stubs.shutdownNow();
    }
    server.close();
  }
}
