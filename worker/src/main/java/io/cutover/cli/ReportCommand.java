package io.cutover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover report ID}: waits for the run to end and prints its report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Wait for a run to end and print its report; exits with its outcome.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover report cutover-oapp-production --output json",
      "  # exits 0 succeeded, 3 rolled back, 4 rollback failed; JSON: the report",
      "  # record (status, steps, approvals, rollback, budget, records)"
    })
public class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    Runs.Outcome outcome = Runs.await(connection.client(), id);
    if (json) {
      // One document: the report when the run left one (its status and failure say how it ended),
      // else the error, with the same exit code either way.
      output.print(
          outcome.report() != null
              ? outcome.report()
              : new CliError(
                  outcome.error(),
                  outcome.exitCode() == ExitCodes.INVALID ? "invalid" : "error",
                  outcome.exitCode()));
      return outcome.exitCode();
    }
    if (outcome.report() != null) {
      ReportPrinter.print(outcome.report(), spec.commandLine().getOut(), true);
    }
    if (outcome.error() != null) {
      spec.commandLine().getErr().println(outcome.error());
    }
    spec.commandLine().getOut().flush();
    return outcome.exitCode();
  }
}
