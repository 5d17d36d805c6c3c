package io.cutover.cli;

import io.cutover.api.AbortRequest;
import io.cutover.workflow.CutoverWorkflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover abort ID --by NAME --reason TEXT}: stop the run and roll back. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Stop a run wherever it is and roll it back.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover abort cutover-oapp-production --by alice --reason \"vendor outage\""})
public class AbortCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "who aborts")
  String by;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why")
  String reason;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    connection
        .client()
        .newWorkflowStub(CutoverWorkflow.class, id)
        .abort(new AbortRequest(by, reason));
    spec.commandLine()
        .getOut()
        .println("abort sent to " + id + "; follow the rollback with `cutover watch " + id + "`");
    return ExitCodes.OK;
  }
}
