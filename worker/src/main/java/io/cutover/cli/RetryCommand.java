package io.cutover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover retry ID --step S --by NAME}: run the failed step again (onFailure: decide). */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description =
        "Run a failed step that waits for a decision (onFailure: decide) again, e.g. after fixing"
            + " what made it fail.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover retry cutover-oapp-production --step import-projects --by alice \\",
      "      --comment \"freed disk space on the database host\""
    })
public class RetryCommand extends StepRecoveryCommand {
  @Option(names = "--comment", paramLabel = "TEXT", description = "what was fixed")
  String comment;

  @Override
  String action() {
    return "retry";
  }

  @Override
  String comment() {
    return comment;
  }

  @Override
  String done() {
    return "retrying step '" + step + "' of " + id + " (as " + by + ")";
  }
}
