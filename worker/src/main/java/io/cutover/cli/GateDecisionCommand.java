package io.cutover.cli;

import io.cutover.api.DecisionUpdate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What approve and reject share: the decision goes through the validated update. */
abstract class GateDecisionCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id, e.g. cutover-<target>")
  String id;

  @Option(names = "--gate", required = true, paramLabel = "GATE", description = "the gate's step id")
  String gate;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "who decides")
  String by;

  @Option(names = "--comment", paramLabel = "TEXT", description = "why")
  String comment;

  @Mixin
  ConnectionOptions connection;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  abstract boolean approve();

  @Override
  public Integer call() {
    String refused = Runs.decide(connection.client(), id, new DecisionUpdate(gate, by, comment, approve()));
    if (refused != null) {
      spec.commandLine().getErr().println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    spec.commandLine().getOut().println((approve() ? "approved" : "rejected") + " gate '" + gate + "' of " + id + " as " + by);
    return ExitCodes.OK;
  }
}
