package io.cutover.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A worker's metrics in Prometheus text format on {@code http://HOST:PORT/metrics}: the Temporal
 * SDK's own (polls, task latencies, activity outcomes…) and Cutover's ({@link
 * MetricsInterceptor}, {@code cutover_rows_copied_total} from activities), all through the SDK's
 * tally scope bridged to Micrometer.
 */
public final class WorkerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope;
  private final HttpServer server;

  private WorkerMetrics(String bind, int port) throws IOException {
    scope = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    server.createContext("/metrics", ex -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Serves metrics on {@code bind:port} (0.0.0.0 so Prometheus in another pod can scrape). */
  public static WorkerMetrics serve(String bind, int port) {
    try {
      return new WorkerMetrics(bind, port);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serve metrics on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The scope to give the service stubs: the SDK reports worker and client metrics through it. */
  public Scope scope() {
    return scope;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    try {
      scope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // Shutting down: the last second of metrics is not worth failing for.
    }
  }
}
