package io.cutover.worker;

import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A worker's metrics in Prometheus text format on {@code http://HOST:PORT/metrics}: the Temporal
 * SDK's own (polls, task latencies, activity outcomes…) and Cutover's — {@link
 * MetricsInterceptor}'s counters when a run ends, the gauges workflows and activities keep while
 * they run (monitor triggers, copy rate), and {@link LiveGauges}' view of the open runs — all but
 * the last through the SDK's tally scope bridged to Micrometer.
 */
public final class WorkerMetrics implements AutoCloseable {
  /**
   * Gate waits are human decisions: minutes to days. Micrometer's default timer histogram stops at
   * 30 s, which put every real gate in the +Inf bucket; these buckets span 1 min to 7 days.
   */
  static final Duration[] GATE_WAIT_BUCKETS = {
    Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
    Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
    Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7),
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Scope scope;
  private final HttpServer server;

  private WorkerMetrics(String bind, int port) throws IOException {
    registry.config().meterFilter(gateWaitBuckets());
    scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    server.createContext(
        "/metrics",
        ex -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /**
   * The SDK's reporter makes every timer a percentile histogram; the gate wait gets its own
   * buckets.
   */
  static MeterFilter gateWaitBuckets() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("cutover_gate_wait")) {
          return config;
        }
        double[] slos = new double[GATE_WAIT_BUCKETS.length];
        for (int i = 0; i < slos.length; i++) {
          slos[i] = GATE_WAIT_BUCKETS[i].toNanos();
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(slos)
            .minimumExpectedValue((double) Duration.ofSeconds(1).toNanos())
            .maximumExpectedValue(
                (double) GATE_WAIT_BUCKETS[GATE_WAIT_BUCKETS.length - 1].toNanos())
            .build()
            .merge(config);
      }
    };
  }

  /** Serves metrics on {@code bind:port} (0.0.0.0 so Prometheus in another pod can scrape). */
  public static WorkerMetrics serve(String bind, int port) {
    try {
      return new WorkerMetrics(bind, port);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot serve metrics on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The scope to give the service stubs: the SDK reports worker and client metrics through it. */
  public Scope scope() {
    return scope;
  }

  /** The registry behind the port, for meters Cutover keeps itself ({@link LiveGauges}). */
  public MeterRegistry registry() {
    return registry;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    try {
      scope.close();
    } catch (ScopeCloseException e) {
      // Shutting down: the last second of metrics is not worth failing for.
    }
    registry.close();
  }
}
