package io.cutover.cli;

import io.cutover.worker.WorkerMetrics;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover worker}: hosts the workflow and the activities until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Host the Cutover workflow and activities (task queue 'cutover', plus 'cutover-<host>' with --host).")
public class WorkerCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--host", paramLabel = "NAME", defaultValue = "${env:CUTOVER_HOST}",
      description = "also serve steps that name this host (task queue cutover-NAME); default $CUTOVER_HOST")
  String host;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:CUTOVER_METRICS_PORT}",
      description = "serve Prometheus metrics (Temporal SDK + Cutover) on http://BIND:PORT/metrics; default $CUTOVER_METRICS_PORT, else off")
  Integer metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "address the metrics port listens on (default ${DEFAULT-VALUE})")
  String metricsBind;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:CUTOVER_LOG_FORMAT:-text}",
      description = "text or json (one JSON object per line); default $CUTOVER_LOG_FORMAT, else text")
  LogFormat logFormat;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Logging.format(logFormat);
    Logging.verbose();
    WorkerMetrics metrics = metricsPort == null ? null : WorkerMetrics.serve(metricsBind, metricsPort);
    ClientConfigProfile profile = connection.profile();
    WorkflowClient client = metrics == null ? connection.client() : connection.client(metrics.scope());
    WorkerFactory factory = WorkerSetup.factory(client, host);
    factory.start();
    ServerWatch watch = ServerWatch.start(client, connection.describe(profile), java.time.Duration.ofSeconds(5));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Graceful: finish or hand back running activity attempts, then exit.
      watch.close();
      io.cutover.activities.support.Pulse.workerStopping();
      factory.shutdown();
      factory.awaitTermination(30, TimeUnit.SECONDS);
      if (metrics != null) {
        metrics.close();
      }
      stopped.countDown();
    }));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("cutover worker polling task queue %s%s at %s, pid %d%n",
        CutoverWorkflow.TASK_QUEUE, host == null ? "" : " and " + CutoverWorkflow.TASK_QUEUE + "-" + host,
        connection.describe(profile), ProcessHandle.current().pid());
    if (metrics != null) {
      out.printf("metrics on http://%s:%d/metrics%n", metricsBind, metrics.port());
    }
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
