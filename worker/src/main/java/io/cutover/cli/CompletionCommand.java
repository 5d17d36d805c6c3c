package io.cutover.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cutover completion}: the bash completion script picocli generates from this command tree
 * (subcommands, options, enum values such as {@code --output text|json}), so it never falls behind
 * the commands.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash completion script for cutover: subcommands, options and their values.",
      "bash: add source <(cutover completion) to ~/.bashrc.",
      "zsh: the same line in ~/.zshrc (the script loads zsh's bashcompinit itself).",
      "It completes the command named cutover: put the repository's ./cutover",
      "launcher on the PATH, or alias cutover to it."
    },
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  source <(cutover completion)",
      "  # or, loaded on first use by bash-completion:",
      "  # cutover completion > ~/.local/share/bash-completion/completions/cutover"
    })
public class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("cutover", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
