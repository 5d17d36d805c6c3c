package io.cutover.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * An OTLP/HTTP trace receiver on loopback: accepts {@code POST /v1/traces} and keeps the bodies.
 * The bodies are protobuf; span names and attribute strings appear in them verbatim, which is all
 * the test reads (no protobuf classes needed to see that a span named X arrived).
 */
final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          synchronized (received) {
            received.write(body, 0, body.length);
          }
          ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
  }

  static OtlpReceiver start() {
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String text() {
    synchronized (received) {
      return received.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Waits until everything in {@code needles} has arrived; returns what arrived. */
  String awaitContaining(Duration timeout, String... needles) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String t = text();
      if (Arrays.stream(needles).allMatch(t::contains)) {
        return t;
      }
      Thread.sleep(200);
    }
    String t = text();
    throw new AssertionError(
        "spans never contained all of "
            + Arrays.toString(needles)
            + "; missing: "
            + Arrays.stream(needles).filter(n -> !t.contains(n)).toList()
            + " ("
            + t.length()
            + " bytes received)");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
