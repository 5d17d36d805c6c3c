package io.cutover.cli;

import io.cutover.activities.support.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover report ID}: waits for the run to end and prints its report. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Wait for a run to end and print its report; exits with its outcome.")
public class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Mixin
  ConnectionOptions connection;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Runs.Outcome outcome = Runs.await(connection.client(), id);
    if (outcome.report() != null) {
      if (json) {
        spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(outcome.report()));
      } else {
        ReportPrinter.print(outcome.report(), spec.commandLine().getOut(), true);
      }
    }
    if (outcome.error() != null) {
      spec.commandLine().getErr().println(outcome.error());
    }
    spec.commandLine().getOut().flush();
    return outcome.exitCode();
  }
}
