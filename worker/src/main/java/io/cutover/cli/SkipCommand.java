package io.cutover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover skip ID --step S --by NAME --comment REASON}: go on without the failed step. */
@Command(
    name = "skip",
    mixinStandardHelpOptions = true,
    description = {
      "Go on without a failed step that waits for a decision (onFailure: decide).",
      "The reason is recorded in the report and the audit trail; a step marked required: true"
          + " cannot be skipped."
    },
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover skip cutover-oapp-production --step notify-crm --by alice \\",
      "      --comment \"CRM team told by phone\""
    })
public class SkipCommand extends StepRecoveryCommand {
  @Option(
      names = "--comment",
      required = true,
      paramLabel = "REASON",
      description = "why the run may go on without it")
  String comment;

  @Override
  String action() {
    return "skip";
  }

  @Override
  String comment() {
    return comment;
  }

  @Override
  String done() {
    return "skipped step '" + step + "' of " + id + " (as " + by + ")";
  }
}
