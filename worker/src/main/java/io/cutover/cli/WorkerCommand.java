package io.cutover.cli;

import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
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

  @Option(names = "--host", paramLabel = "NAME", description = "also serve steps that name this host (task queue cutover-NAME)")
  String host;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Logging.verbose();
    WorkflowClient client = connection.client();
    WorkerFactory factory = WorkerSetup.factory(client, host);
    factory.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Graceful: finish or hand back running activity attempts, then exit.
      factory.shutdown();
      factory.awaitTermination(30, TimeUnit.SECONDS);
      stopped.countDown();
    }));
    spec.commandLine().getOut().printf("cutover worker polling task queue %s%s at %s (namespace %s), pid %d%n",
        CutoverWorkflow.TASK_QUEUE, host == null ? "" : " and " + CutoverWorkflow.TASK_QUEUE + "-" + host,
        connection.effectiveAddress(), client.getOptions().getNamespace(), ProcessHandle.current().pid());
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
