package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.RecoverRequest;
import io.cutover.workflow.CutoverWorkflow;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * What retry and skip share: the choice goes through the validated {@code recover} update, so a
 * refusal (no such failed step, a skip of a required step) comes back at once, exit 2.
 */
abstract class StepRecoveryCommand extends RunControlCommand {
  @Option(
      names = "--step",
      required = true,
      paramLabel = "STEP",
      description = "the failed step's id")
  String step;

  /** {@code retry} or {@code skip}. */
  abstract String action();

  abstract String comment();

  abstract String done();

  @Override
  int act(CutoverWorkflow run, CutoverReport before, PrintWriter out, PrintWriter err) {
    String refused =
        Runs.recover(connection.client(), id, new RecoverRequest(step, action(), by, comment()));
    if (refused != null) {
      err.println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    out.println(done() + "; follow it with `cutover watch " + id + "`");
    return ExitCodes.OK;
  }
}
