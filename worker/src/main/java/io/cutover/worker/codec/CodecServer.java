package io.cutover.worker.codec;

import com.google.protobuf.StringValue;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Temporal codec server: the Temporal UI (its codec endpoint, cluster-level or in its settings)
 * and the temporal CLI ({@code --codec-endpoint}) POST {@code {"payloads": [...]}} and get them
 * back decoded or encoded.
 *
 * <p>Routes: {@code POST /decode}, {@code /encode}, {@code /{namespace}/decode} and {@code
 * /{namespace}/encode}; a query string (UI 2.54 sends {@code ?preserveStorageRefs=true}) is
 * ignored. The request's namespace is the path's, else the {@code X-Namespace} header's (the UI
 * sends it); both present and different is a 400. With {@code namespaces} empty every namespace is
 * served; otherwise a request for another namespace, or naming none, is refused with 403 and {@code
 * {"error": "..."}}, so a codec server started for one namespace never decodes another's payloads.
 *
 * <p>CORS: the browser calls this server directly from the UI's page, so the UI's origin must be in
 * {@code corsOrigins}; the server answers its preflight (methods POST, headers Content-Type,
 * X-Namespace and Authorization, credentials allowed) and echoes the origin. A request from any
 * other origin is refused with 403; requests without an {@code Origin} header (the CLI, curl) are
 * served. Every error is JSON {@code {"error": "..."}}.
 */
public final class CodecServer implements AutoCloseable {
  static final String ALLOWED_HEADERS = "Content-Type, X-Namespace, Authorization";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PayloadCodec codec;
  private final Set<String> corsOrigins;
  private final Set<String> namespaces;

  /** On loopback, one CORS origin, every namespace. */
  public CodecServer(PayloadCodec codec, int port, String corsOrigin) throws IOException {
    this(
        codec,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        corsOrigin == null ? List.of() : List.of(corsOrigin),
        Set.of());
  }

  /**
   * @param address where to listen (a container's 0.0.0.0, so a published port reaches it)
   * @param corsOrigins the UI origins whose pages may call it, e.g. {@code http://127.0.0.1:8233}
   * @param namespaces the namespaces served; empty: any
   */
  public CodecServer(
      PayloadCodec codec,
      InetSocketAddress address,
      List<String> corsOrigins,
      Set<String> namespaces)
      throws IOException {
    this.codec = codec;
    this.corsOrigins = new LinkedHashSet<>(corsOrigins.stream().map(CodecServer::origin).toList());
    this.namespaces = Set.copyOf(namespaces);
    server = HttpServer.create(address, 0);
    // The UI decodes every payload of a page at once: a few threads keep it from queueing.
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "codec-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The namespaces served; empty means any. */
  public Set<String> namespaces() {
    return namespaces;
  }

  /** Origins are compared as the browser sends them: scheme://host[:port], no trailing slash. */
  private static String origin(String o) {
    String s = o.trim();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String origin = ex.getRequestHeaders().getFirst("Origin");
      if (origin != null) {
        if (!corsOrigins.contains(origin)) {
          send(
              ex,
              403,
              "origin "
                  + origin
                  + " may not use this codec server (allowed: "
                  + String.join(", ", corsOrigins)
                  + "); start it with --cors-origin "
                  + origin);
          return;
        }
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        ex.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
        ex.getResponseHeaders().set("Vary", "Origin");
      }
      List<String> path =
          new ArrayList<>(
              Arrays.stream(ex.getRequestURI().getPath().split("/"))
                  .filter(s -> !s.isEmpty())
                  .toList());
      String op = path.isEmpty() ? "" : path.remove(path.size() - 1);
      if (path.size() > 1 || !(op.equals("decode") || op.equals("encode"))) {
        send(
            ex,
            404,
            "no route "
                + ex.getRequestURI().getPath()
                + ": POST /decode, /encode, /{namespace}/decode or /{namespace}/encode");
        return;
      }
      if ("OPTIONS".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Access-Control-Allow-Methods", "POST, OPTIONS");
        ex.getResponseHeaders().set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ex.getResponseHeaders().set("Access-Control-Max-Age", "600");
        ex.sendResponseHeaders(204, -1);
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST, OPTIONS");
        send(ex, 405, "POST {\"payloads\": [...]} to /" + op);
        return;
      }
      String inPath = path.isEmpty() ? null : path.get(0);
      String inHeader = blankToNull(ex.getRequestHeaders().getFirst("X-Namespace"));
      if (inPath != null && inHeader != null && !inPath.equals(inHeader)) {
        send(
            ex,
            400,
            "the path names namespace '" + inPath + "' but X-Namespace says '" + inHeader + "'");
        return;
      }
      String namespace = inPath != null ? inPath : inHeader;
      String refused = refusal(namespace);
      if (refused != null) {
        send(ex, 403, refused);
        return;
      }
      Payloads.Builder in = Payloads.newBuilder();
      try {
        JsonFormat.parser()
            .ignoringUnknownFields()
            .merge(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), in);
      } catch (IOException | RuntimeException e) {
        send(ex, 400, "the body is not {\"payloads\": [...]}: " + e.getMessage());
        return;
      }
      List<Payload> out;
      try {
        out =
            op.equals("encode")
                ? codec.encode(in.getPayloadsList())
                : codec.decode(in.getPayloadsList());
      } catch (RuntimeException e) {
        send(ex, 400, "cannot " + op + ": " + e.getMessage());
        return;
      }
      reply(ex, 200, JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(out).build()));
    }
  }

  /** Why this namespace is not served, or null when it is. */
  private String refusal(String namespace) {
    if (namespaces.isEmpty()) {
      return null;
    }
    String served = String.join(", ", namespaces.stream().sorted().toList());
    if (namespace == null) {
      return "this codec server serves namespace(s) "
          + served
          + " only and the request names none"
          + " (send X-Namespace or POST /{namespace}/decode)";
    }
    return namespaces.contains(namespace)
        ? null
        : "namespace '"
            + namespace
            + "' is not served by this codec server (it serves "
            + served
            + ")";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static void send(HttpExchange ex, int status, String error) throws IOException {
    reply(ex, status, "{\"error\":" + JsonFormat.printer().print(StringValue.of(error)) + "}");
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
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
    executor.shutdownNow();
  }
}
