package io.cutover.cli;

import picocli.CommandLine.Command;

/** {@code cutover reject ID --gate G --by NAME}: no-go for the open gate; the run rolls back. */
@Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject (no-go) the gate a run is waiting at; it rolls back.")
public class RejectCommand extends GateDecisionCommand {
  @Override
  boolean approve() {
    return false;
  }
}
