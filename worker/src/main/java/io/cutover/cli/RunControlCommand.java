package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.workflow.CutoverWorkflow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the commands that steer a running cutover share ({@code abort}, {@code pause}, {@code
 * resume}, {@code release}, {@code retry}, {@code skip}): the run's id, who acts (recorded in the
 * run's audit trail), the connection, and one shape: read the run's status, refuse here (exit 2)
 * what the run would refuse in that state, then act and say what happened. The workflow checks
 * again and records refusals of its own: the status read here may be a moment old.
 */
abstract class RunControlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id, e.g. cutover-<target>")
  String id;

  @Option(
      names = "--by",
      required = true,
      paramLabel = "NAME",
      description = "who acts (recorded in the run's audit trail)")
  String by;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Why a run in this state refuses the command, or null (the default: the workflow decides). */
  String refusal(CutoverReport r) {
    return null;
  }

  /** The refusal of an ended run, or of one rolling back, or null. */
  final String endedOrRollingBack(CutoverReport r) {
    return r.status().isFinal() || r.status() == RunStatus.ROLLING_BACK
        ? "the run is " + r.status() + ": nothing to " + spec.name()
        : null;
  }

  /**
   * Sends the signal or update and prints the outcome.
   *
   * @return the exit code
   */
  abstract int act(CutoverWorkflow run, CutoverReport before, PrintWriter out, PrintWriter err)
      throws Exception;

  @Override
  public final Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    CutoverWorkflow run = connection.client().newWorkflowStub(CutoverWorkflow.class, id);
    CutoverReport before = run.status();
    String refused = refusal(before);
    if (refused != null) {
      err.println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    return act(run, before, spec.commandLine().getOut(), err);
  }
}
