package io.cutover.cli;

import io.temporal.testserver.TestServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover dev-server}: a standalone in-memory Temporal server (the SDK's test server), so
 * a worker can be killed and restarted against it. Runs are lost when it stops.
 */
@Command(name = "dev-server", mixinStandardHelpOptions = true,
    description = "Start a local in-memory Temporal server for development and crash drills (runs are lost when it stops).")
public class DevServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "7233", description = "port to listen on (default ${DEFAULT-VALUE})")
  int port;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // true: time skipping locked — a dev server runs in real time, like a real one.
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    spec.commandLine().getOut().printf("Temporal dev server (in memory) listening on 127.0.0.1:%d — runs are lost when it stops%n", port);
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
