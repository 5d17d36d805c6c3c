package io.cutover.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A minimal service instance for restart tests, started as a real process from the test classpath:
 * {@code GET /health} answers {@code {"status":"ok","instance":NAME}}, or 503 when started with
 * {@code --unhealthy}.
 */
public final class TinyService {
  private TinyService() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String name = args[1];
    boolean healthy = !(args.length > 2 && args[2].equals("--unhealthy"));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/health",
        ex -> {
          byte[] b =
              ("{\"status\":\"" + (healthy ? "ok" : "broken") + "\",\"instance\":\"" + name + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(healthy ? 200 : 503, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }
}
