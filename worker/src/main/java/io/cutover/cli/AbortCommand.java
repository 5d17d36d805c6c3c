package io.cutover.cli;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.workflow.CutoverWorkflow;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover abort ID --by NAME --reason TEXT}: stop the run and roll back. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stop a run wherever it is and roll it back.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover abort cutover-oapp-production --by alice --reason \"vendor outage\""})
public class AbortCommand extends RunControlCommand {
  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why")
  String reason;

  @Override
  int act(CutoverWorkflow run, CutoverReport before, PrintWriter out, PrintWriter err) {
    run.abort(new AbortRequest(by, reason));
    out.println("abort sent to " + id + "; follow the rollback with `cutover watch " + id + "`");
    return ExitCodes.OK;
  }
}
