package io.cutover.cli;

import picocli.CommandLine.Command;

/** {@code cutover plan …}: work with plan files without running them. */
@Command(
    name = "plan",
    description = "Work with plan files.",
    mixinStandardHelpOptions = true,
    subcommands = {PlanCheckCommand.class},
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover plan check examples/oapp-canonical-rebuild/plan.yaml"})
public class PlanCommand {}
