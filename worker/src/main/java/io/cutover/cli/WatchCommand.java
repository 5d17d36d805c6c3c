package io.cutover.cli;

import io.cutover.api.CutoverReport;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover watch ID}: follow a run live until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow a run live until it ends; exits with its outcome.")
public class WatchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Mixin
  ConnectionOptions connection;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var client = connection.client();
    ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getOut());
    CompletableFuture<Runs.Outcome> result = CompletableFuture.supplyAsync(() -> Runs.await(client, id));
    while (!result.isDone()) {
      CutoverReport r = Runs.status(client, id);
      if (progress.update(r) != null) {
        spec.commandLine().getOut().printf("  decide with: cutover approve %s --gate %s --by NAME   (or reject)%n", id, r.openGate().gate());
      }
      try {
        result.get(500, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException notYet) {
        // keep watching
      }
    }
    Runs.Outcome outcome = result.get();
    if (outcome.report() != null) {
      progress.update(outcome.report());
      ReportPrinter.print(outcome.report(), spec.commandLine().getOut(), false);
    }
    if (outcome.error() != null) {
      spec.commandLine().getErr().println(outcome.error());
    }
    return outcome.exitCode();
  }
}
