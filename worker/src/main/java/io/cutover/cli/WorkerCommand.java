package io.cutover.cli;

import io.cutover.activities.support.Pulse;
import io.cutover.worker.LiveGauges;
import io.cutover.worker.SearchAttributesSetup;
import io.cutover.worker.Tracing;
import io.cutover.worker.WorkerMetrics;
import io.cutover.worker.WorkerSetup;
import io.cutover.worker.WorkerVersioning;
import io.cutover.workflow.CutoverWorkflow;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover worker}: hosts the workflow and the activities until stopped. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Host the Cutover workflow and activities (task queue 'cutover', plus 'cutover-<host>' with"
            + " --host).",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover worker --address 127.0.0.1:7233 --host db-1 \\",
      "      --metrics-port 9464 --log-format json"
    })
public class WorkerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      defaultValue = "${env:CUTOVER_HOST}",
      description =
          "also serve steps that name this host (task queue cutover-NAME); default $CUTOVER_HOST")
  String host;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:CUTOVER_METRICS_PORT}",
      description =
          "serve Prometheus metrics (Temporal SDK + Cutover) on http://BIND:PORT/metrics; default"
              + " $CUTOVER_METRICS_PORT, else off")
  Integer metricsPort;

  @Option(
      names = "--metrics-bind",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "address the metrics port listens on (default ${DEFAULT-VALUE})")
  String metricsBind;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "${env:CUTOVER_LOG_FORMAT:-text}",
      description =
          "text or json (one JSON object per line); default $CUTOVER_LOG_FORMAT, else text")
  LogFormat logFormat;

  @Option(
      names = "--live-metrics-interval",
      paramLabel = "SECONDS",
      defaultValue = "15",
      description =
          "with --metrics-port: how often the gauges of open runs, open gates and task-queue"
              + " workers are read from Temporal (default ${DEFAULT-VALUE})")
  int liveMetricsInterval;

  @Option(
      names = "--build-id",
      paramLabel = "ID",
      defaultValue = "${env:CUTOVER_BUILD_ID}",
      description =
          "worker deployment versioning: this build's id (image tag, git commit); a cutover stays"
              + " on the build it started on. Default $CUTOVER_BUILD_ID, else unversioned")
  String buildId;

  @Option(
      names = "--deployment-name",
      paramLabel = "NAME",
      defaultValue = "${env:CUTOVER_DEPLOYMENT_NAME:-cutover}",
      description =
          "with --build-id: the worker deployment (default $CUTOVER_DEPLOYMENT_NAME, else"
              + " ${DEFAULT-VALUE})")
  String deploymentName;

  @Option(
      names = "--otlp-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}",
      description =
          "send traces (a span per step) over OTLP/HTTP to URL/v1/traces, e.g."
              + " http://otel-collector:4318; default $OTEL_EXPORTER_OTLP_ENDPOINT, else off")
  String otlpEndpoint;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private static void report(SearchAttributesSetup.Outcome outcome, String namespace) {
    if (!outcome.added().isEmpty()) {
      log.info("registered search attributes {} in namespace '{}'", outcome.added(), namespace);
    }
  }

  /** For ServerWatch once the server answers: true when the check is done (either way). */
  private static boolean ensureQuietly(WorkflowClient client, String namespace) {
    try {
      report(SearchAttributesSetup.ensure(client.getWorkflowServiceStubs(), namespace), namespace);
      return true;
    } catch (IllegalStateException refused) {
      log.error("{}", refused.getMessage());
      return true;
    } catch (StatusRuntimeException notYet) {
      return false;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Logging.format(logFormat);
    Logging.verbose();
    if (liveMetricsInterval < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--live-metrics-interval must be at least 1 second, got " + liveMetricsInterval);
    }
    WorkerVersioning versioning;
    try {
      versioning =
          buildId == null || buildId.isBlank()
              ? null
              : new WorkerVersioning(deploymentName, buildId.trim());
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Tracing tracing;
    try {
      tracing =
          otlpEndpoint == null || otlpEndpoint.isBlank()
              ? null
              : Tracing.otlp(otlpEndpoint, "cutover-worker");
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    WorkerMetrics metrics =
        metricsPort == null ? null : WorkerMetrics.serve(metricsBind, metricsPort);
    ClientConfigProfile profile = connection.profile();
    WorkflowClient client =
        metrics == null ? connection.client() : connection.client(metrics.scope());
    String namespace = client.getOptions().getNamespace();
    try {
      report(SearchAttributesSetup.ensure(client.getWorkflowServiceStubs(), namespace), namespace);
    } catch (IllegalStateException refused) {
      spec.commandLine().getErr().println("cutover worker: " + refused.getMessage());
      return ExitCodes.ERROR;
    } catch (StatusRuntimeException unreachable) {
      // The worker starts anyway (it waits for the server as always); ServerWatch checks again.
      log.warn(
          "could not check the search attributes of namespace '{}' yet: {}",
          namespace,
          unreachable.getMessage());
    }
    WorkerFactory factory = WorkerSetup.factory(client, host, versioning, tracing);
    factory.start();
    LiveGauges live =
        metrics == null
            ? null
            : LiveGauges.start(client, metrics.registry(), Duration.ofSeconds(liveMetricsInterval));
    ServerWatch watch =
        ServerWatch.start(
            client,
            connection.describe(profile),
            Duration.ofSeconds(5),
            () -> ensureQuietly(client, namespace));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Graceful: finish or hand back running activity attempts, then exit.
                  watch.close();
                  Pulse.workerStopping();
                  factory.shutdown();
                  factory.awaitTermination(30, TimeUnit.SECONDS);
                  if (live != null) {
                    live.close();
                  }
                  if (metrics != null) {
                    metrics.close();
                  }
                  if (tracing != null) {
                    tracing.close();
                  }
                  stopped.countDown();
                }));
    List<String> banner = new ArrayList<>();
    banner.add(
        String.format(
            "cutover worker polling task queue %s%s at %s, pid %d%s",
            CutoverWorkflow.TASK_QUEUE,
            host == null ? "" : " and " + CutoverWorkflow.TASK_QUEUE + "-" + host,
            connection.describe(profile),
            ProcessHandle.current().pid(),
            versioning == null
                ? ""
                : ", worker deployment version " + versioning + " (runs pinned to it)"));
    if (metrics != null) {
      banner.add(String.format("metrics on http://%s:%d/metrics", metricsBind, metrics.port()));
    }
    if (tracing != null) {
      banner.add("traces to " + tracing.endpoint());
    }
    if (logFormat == LogFormat.json) {
      // A log collector reads the worker's output as JSON lines: the banner is a log line too.
      banner.forEach(line -> log.info("{}", line));
    } else {
      PrintWriter out = spec.commandLine().getOut();
      banner.forEach(out::println);
      out.flush();
    }
    stopped.await();
    return ExitCodes.OK;
  }
}
