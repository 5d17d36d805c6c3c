package io.cutover.cli;

import io.cutover.api.RecoverRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What retry and skip share: the choice goes through the validated {@code recover} update, so a
 * refusal (no such failed step, a skip of a required step) comes back at once, exit 2.
 */
abstract class StepRecoveryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id, e.g. cutover-<target>")
  String id;

  @Option(
      names = "--step",
      required = true,
      paramLabel = "STEP",
      description = "the failed step's id")
  String step;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "who decides")
  String by;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** {@code retry} or {@code skip}. */
  abstract String action();

  abstract String comment();

  @Override
  public Integer call() {
    String refused =
        Runs.recover(connection.client(), id, new RecoverRequest(step, action(), by, comment()));
    if (refused != null) {
      spec.commandLine().getErr().println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    spec.commandLine().getOut().println(done() + "; follow it with `cutover watch " + id + "`");
    return ExitCodes.OK;
  }

  abstract String done();
}
