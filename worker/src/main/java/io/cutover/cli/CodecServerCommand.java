package io.cutover.cli;

import io.cutover.worker.codec.AesGcmCodec;
import io.cutover.worker.codec.CodecKeys;
import io.cutover.worker.codec.CodecServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover codec-server}: lets the Temporal UI and CLI show encrypted plans and reports. */
@Command(
    name = "codec-server",
    mixinStandardHelpOptions = true,
    description = {
      "Serve POST /decode and /encode (also /{namespace}/decode and /{namespace}/encode) for the"
          + " Temporal UI and CLI with the key in CUTOVER_CODEC_KEY (loopback unless --bind).",
      "Set it as the UI's codec endpoint (cutover dev-server --ui-codec-endpoint"
          + " http://127.0.0.1:8888, or the UI's codec server setting)."
    },
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  CUTOVER_CODEC_KEY_FILE=codec.key cutover codec-server --port 8888 \\",
      "      --cors-origin http://127.0.0.1:8233"
    })
public class CodecServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8888", description = "port (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 in a container whose port is"
              + " published)")
  String bind;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      split = ",",
      defaultValue = "http://127.0.0.1:8233,http://localhost:8233,http://localhost:8080",
      description =
          "origins of the Temporal UI pages that may call it, repeatable or comma-separated"
              + " (default ${DEFAULT-VALUE}: cutover dev-server's UI, and the temporalio/ui"
              + " image's)")
  List<String> corsOrigins;

  @Option(
      names = "--namespace",
      paramLabel = "NAMESPACE",
      description =
          "serve only this namespace (repeatable): requests for another, by X-Namespace or path,"
              + " get 403 (default: any)")
  List<String> namespaces;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AesGcmCodec codec =
        CodecKeys.fromEnvironment(System.getenv())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no key: set CUTOVER_CODEC_KEY (base64 of 32 bytes) or"
                            + " CUTOVER_CODEC_KEY_FILE"));
    CodecServer server =
        new CodecServer(
            codec,
            new InetSocketAddress(InetAddress.getByName(bind), port),
            corsOrigins,
            namespaces == null ? Set.of() : new LinkedHashSet<>(namespaces));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    spec.commandLine()
        .getOut()
        .printf(
            "codec server on http://%s:%d (POST /decode, /encode, /{namespace}/decode,"
                + " /{namespace}/encode)%n",
            bind, server.port());
    spec.commandLine()
        .getOut()
        .printf(
            "  namespaces: %s; CORS origins: %s%n",
            server.namespaces().isEmpty() ? "any" : String.join(", ", server.namespaces()),
            String.join(", ", corsOrigins));
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
