package io.cutover.worker.codec;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A Temporal codec server: the Temporal UI (Settings → Codec Server) and the temporal CLI
 * ({@code --codec-endpoint}) POST payloads to {@code /decode} (and {@code /encode}) and show the
 * plans and reports in clear. Listens on loopback only; put it behind your auth proxy to share it.
 */
public final class CodecServer implements AutoCloseable {
  private final HttpServer server;

  /** On loopback. */
  public CodecServer(PayloadCodec codec, int port, String corsOrigin) throws IOException {
    this(codec, InetAddress.getLoopbackAddress(), port, corsOrigin);
  }

  /** On {@code bind} (a container's 0.0.0.0, so a published port reaches it). */
  public CodecServer(PayloadCodec codec, InetAddress bind, int port, String corsOrigin) throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    server.createContext("/decode", ex -> handle(ex, codec, false, corsOrigin));
    server.createContext("/encode", ex -> handle(ex, codec, true, corsOrigin));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange ex, PayloadCodec codec, boolean encode, String corsOrigin) throws IOException {
    if (corsOrigin != null) {
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", corsOrigin);
      ex.getResponseHeaders().set("Access-Control-Allow-Methods", "POST, OPTIONS");
      ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
      ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
    }
    if ("OPTIONS".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(200, -1);
      ex.close();
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      send(ex, 405, "{\"error\":\"POST payloads as {\\\"payloads\\\": [...]}\"}");
      return;
    }
    try {
      Payloads.Builder in = Payloads.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), in);
      var out = encode ? codec.encode(in.getPayloadsList()) : codec.decode(in.getPayloadsList());
      send(ex, 200, JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(out).build()));
    } catch (RuntimeException | IOException e) {
      send(ex, 400, "{\"error\":" + JsonFormat.printer().print(com.google.protobuf.StringValue.of(String.valueOf(e.getMessage()))) + "}");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
