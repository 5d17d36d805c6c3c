package io.cutover.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's metrics endpoint on loopback whose values a test scripts scrape by scrape: {@code GET
 * /metrics.json} answers {@code {"field": value, ...}} with each field's value for that scrape (the
 * last one repeats). Each distinct URL counts its own scrapes, so metrics read from {@code
 * /metrics.json?m=a} and {@code ?m=b} in the same sample both see that sample's values. Each
 * distinct URL counts its own scrapes, so metrics read from {@code /metrics.json?m=a} and {@code
 * ?m=b} in the same sample both see that sample's values. {@code POST /hook} records webhook bodies
 * ({@code ?slowFirst=ms} answers the first one late); {@code POST /broken-hook} answers 500.
 */
public final class MetricsStandIn implements AutoCloseable {
  static {
    // Without TCP_NODELAY every answer waits out the client's delayed ACK (~40 ms a scrape).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, double[]> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> scrapes = new ConcurrentHashMap<>();
  private final List<String> hooks = new CopyOnWriteArrayList<>();
  private final AtomicBoolean slowed = new AtomicBoolean();

  private MetricsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics.json",
        ex -> {
          int i =
              scrapes
                  .computeIfAbsent(String.valueOf(ex.getRequestURI()), k -> new AtomicInteger())
                  .getAndIncrement();
          StringBuilder sb = new StringBuilder("{");
          scripts.forEach(
              (field, values) -> {
                double v = values[Math.min(i, values.length - 1)];
                sb.append(sb.length() > 1 ? "," : "")
                    .append('"')
                    .append(field)
                    .append("\":")
                    .append(String.format(Locale.ROOT, "%s", v));
              });
          send(ex, 200, sb.append('}').toString());
        });
    server.createContext(
        "/hook",
        ex -> {
          String query = ex.getRequestURI().getQuery();
          if (query != null
              && query.startsWith("slowFirst=")
              && slowed.compareAndSet(false, true)) {
            sleep(Long.parseLong(query.substring("slowFirst=".length())));
          }
          hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          send(ex, 200, "{}");
        });
    server.createContext(
        "/broken-hook", ex -> send(ex, 500, "{\"error\":\"down for maintenance\"}"));
    server.setExecutor(pool);
    server.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static MetricsStandIn start() {
    try {
      return new MetricsStandIn();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of a field at each scrape, from the first; the last repeats. */
  public MetricsStandIn script(String field, double... valuesPerScrape) {
    scripts.put(field, valuesPerScrape);
    return this;
  }

  /** A script of {@code runs}: pairs of (count, value), e.g. 6 healthy scrapes then 29 bad ones. */
  public MetricsStandIn runs(String field, double... countThenValue) {
    int n = 0;
    for (int i = 0; i < countThenValue.length; i += 2) {
      n += (int) countThenValue[i];
    }
    double[] out = new double[n];
    int k = 0;
    for (int i = 0; i < countThenValue.length; i += 2) {
      for (int j = 0; j < (int) countThenValue[i]; j++) {
        out[k++] = countThenValue[i + 1];
      }
    }
    return script(field, out);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /**
   * Scrapes of the busiest URL (each distinct URL, query included, follows the script on its own).
   */
  public int scrapes() {
    return scrapes.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }

  public List<String> hooks() {
    return List.copyOf(hooks);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
