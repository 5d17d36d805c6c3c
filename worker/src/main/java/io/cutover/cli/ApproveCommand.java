package io.cutover.cli;

import picocli.CommandLine.Command;

/** {@code cutover approve ID --gate G --by NAME}: go for the open gate. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approve (go) the gate a run is waiting at.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover approve cutover-oapp-production --gate go-no-go --by alice \\",
      "      --comment \"backup verified\""
    })
public class ApproveCommand extends GateDecisionCommand {
  @Override
  boolean approve() {
    return true;
  }
}
