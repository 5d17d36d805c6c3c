package io.cutover.cli;

import picocli.CommandLine.Command;

/** {@code cutover reject ID --gate G --by NAME}: no-go for the open gate; the run rolls back. */
@Command(
    name = "reject",
    mixinStandardHelpOptions = true,
    description = "Reject (no-go) the gate a run is waiting at; it rolls back.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover reject cutover-oapp-production --gate go-no-go --by bob \\",
      "      --comment \"row counts differ\""
    })
public class RejectCommand extends GateDecisionCommand {
  @Override
  boolean approve() {
    return false;
  }
}
