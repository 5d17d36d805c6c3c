package io.cutover.cli;

import io.cutover.worker.codec.AesGcmCodec;
import io.cutover.worker.codec.CodecKeys;
import io.cutover.worker.codec.CodecServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover codec-server}: lets the Temporal UI and CLI show encrypted plans and reports. */
@Command(name = "codec-server", mixinStandardHelpOptions = true,
    description = "Serve /decode and /encode for the Temporal UI and CLI with the key in CUTOVER_CODEC_KEY (loopback unless --bind).")
public class CodecServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8888", description = "port (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 in a container whose port is published)")
  String bind;

  @Option(names = "--cors-origin", defaultValue = "http://localhost:8080", description = "the Temporal UI's origin (default ${DEFAULT-VALUE})")
  String corsOrigin;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    AesGcmCodec codec = CodecKeys.fromEnvironment(System.getenv()).orElseThrow(() ->
        new IllegalArgumentException("no key: set CUTOVER_CODEC_KEY (base64 of 32 bytes) or CUTOVER_CODEC_KEY_FILE"));
    CodecServer server = new CodecServer(codec, java.net.InetAddress.getByName(bind), port, corsOrigin);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    spec.commandLine().getOut().printf("codec server on http://%s:%d (POST /decode, /encode), CORS origin %s%n", bind, server.port(), corsOrigin);
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
