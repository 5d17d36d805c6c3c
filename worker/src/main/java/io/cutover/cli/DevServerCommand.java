package io.cutover.cli;

import io.cutover.worker.DevServer;
import io.cutover.worker.DevServerOptions;
import io.cutover.worker.TemporalCli;
import io.cutover.workflow.CutoverSearchAttributes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutover dev-server}: the real Temporal dev server ({@code temporal server start-dev} of
 * the pinned CLI) with its Web UI, the namespace and Cutover's search attributes, keeping runs in a
 * SQLite file so they survive a restart. Needs {@code tools/install-temporal-cli}.
 */
@Command(
    name = "dev-server",
    mixinStandardHelpOptions = true,
    description =
        "Start the real Temporal dev server (temporal server start-dev) with its Web UI, keeping"
            + " runs in a SQLite file.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover dev-server --port 7233 --db-filename /var/tmp/cutover-dev.db"})
public class DevServerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "frontend gRPC port (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--ui-port",
      paramLabel = "PORT",
      description = "Web UI port (default: the port + 1000)")
  Integer uiPort;

  @Option(names = "--headless", description = "no Web UI")
  boolean headless;

  @Option(
      names = "--ip",
      defaultValue = "127.0.0.1",
      description = "address the server and UI listen on (default ${DEFAULT-VALUE})")
  String ip;

  @Option(
      names = "--db-filename",
      paramLabel = "FILE",
      defaultValue = "${sys:user.home}/.cutover/dev-server.db",
      description =
          "SQLite file the runs are kept in, so they survive a restart (default ${DEFAULT-VALUE})")
  Path dbFile;

  @Option(
      names = "--in-memory",
      description = "keep runs in memory only: they are lost when the server stops")
  boolean inMemory;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "namespace to create (default ${DEFAULT-VALUE})")
  String namespace;

  @Option(
      names = "--ui-codec-endpoint",
      paramLabel = "URL",
      description =
          "codec server the Web UI decodes payloads with, e.g. http://127.0.0.1:8888 (see cutover"
              + " codec-server)")
  String codecEndpoint;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path cli;
    try {
      cli = TemporalCli.require();
    } catch (IllegalStateException notInstalled) {
      spec.commandLine().getErr().println("cutover dev-server: " + notInstalled.getMessage());
      return ExitCodes.ERROR;
    }
    DevServerOptions options =
        DevServerOptions.newBuilder()
            .setCli(cli)
            .setIp(ip)
            .setPort(port)
            .setUiPort(headless ? 0 : uiPort == null ? -1 : uiPort)
            .setDbFile(inMemory ? null : dbFile.toAbsolutePath())
            .setNamespace(namespace)
            .setCodecEndpoint(codecEndpoint)
            .build();
    out.printf("Starting the real Temporal dev server: %s%n", String.join(" ", options.argv()));
    out.flush();
    DevServer server = DevServer.start(options, Duration.ofSeconds(60));
    Thread stopOnExit = new Thread(server::stop, "dev-server-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    out.printf(
        "Temporal dev server (temporal CLI at %s, pid %d) listening on %s, namespace %s%n",
        cli, server.pid(), server.address(), namespace);
    out.printf(
        "  runs kept in: %s%n",
        options.dbFile() == null
            ? "memory only (lost when it stops)"
            : options.dbFile() + " (they survive a restart)");
    out.printf(
        "  Web UI:       %s%n",
        server.uiUrl() == null
            ? "off (--headless)"
            : server.uiUrl() + "/namespaces/" + namespace + "/workflows");
    out.printf(
        "  search attributes: %s (Keyword)%n",
        String.join(", ", CutoverSearchAttributes.ALL.stream().map(k -> k.getName()).toList()));
    out.printf("  workers: cutover worker --address %s%n", server.address());
    out.flush();
    int code = server.waitFor();
    // A server that exits by itself (not through our shutdown) is an error worth the exit code.
    return code == 0 || code == 143 ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
