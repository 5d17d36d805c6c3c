package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.testing.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every command's {@code --help} ends with an example, and every example is a command line picocli
 * accepts for that command: an example with a misspelt option, a missing required option or a bad
 * value fails here.
 */
class HelpExamplesTest {
  /**
   * A {@code cutover} invocation inside an example line: at its start, after a VAR=value, or in
   * {@code <( )}.
   */
  private static final Pattern INVOCATION =
      Pattern.compile("(?:^|\\s|<\\()cutover((?:\\s[^)|>;]*)?)(?:$|[)|>;])");

  static List<CommandLine> all(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      out.addAll(all(sub));
    }
    return out;
  }

  /**
   * The argv of each {@code cutover} command in the usage footer (continuation lines joined,
   * comments dropped).
   */
  static List<List<String>> examples(CommandLine cl) {
    List<List<String>> out = new ArrayList<>();
    for (String command :
        ShellWords.commands(String.join("\n", cl.getCommandSpec().usageMessage().footer()))) {
      Matcher m = INVOCATION.matcher(command);
      if (m.find()) {
        out.add(ShellWords.split(m.group(1), Map.of()));
      }
    }
    return out;
  }

  static ParseResult deepest(ParseResult r) {
    return r.subcommand() == null ? r : deepest(r.subcommand());
  }

  @Test
  void everyCommandsHelpShowsAnExampleThatParses() {
    List<CommandLine> commands = all(new CommandLine(new CutoverCommand()));
    assertTrue(
        commands.size() >= 17,
        "the root, plan check, completion and the other commands: " + commands.size());
    List<String> checked = new ArrayList<>();
    for (CommandLine cl : commands) {
      String name = cl.getCommandSpec().qualifiedName();
      String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(
          usage.contains("\nExample:\n") || usage.contains("\nExamples:\n"),
          name + " --help has no example:\n" + usage);
      List<List<String>> examples = examples(cl);
      assertFalse(examples.isEmpty(), name + ": no `cutover …` line under Example:\n" + usage);
      for (List<String> argv : examples) {
        assertTrue(
            usage.contains(String.join(" ", argv.subList(0, Math.min(2, argv.size())))),
            name + ": " + argv + " not in\n" + usage);
        // A fresh command tree each time: parsing fills in the command objects.
        CommandLine root = new CommandLine(new CutoverCommand());
        ParseResult parsed;
        try {
          parsed = root.parseArgs(argv.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          throw new AssertionError(
              name
                  + ": the example `cutover "
                  + String.join(" ", argv)
                  + "` does not parse: "
                  + e.getMessage(),
              e);
        }
        String ran = deepest(parsed).commandSpec().qualifiedName();
        assertTrue(
            ran.startsWith(name), name + ": the example runs `" + ran + "` instead: " + argv);
        assertFalse(deepest(parsed).isUsageHelpRequested(), argv.toString());
        checked.add(ran);
      }
    }
    assertTrue(
        checked.containsAll(
            List.of(
                "cutover status",
                "cutover list",
                "cutover report",
                "cutover plan check",
                "cutover completion")),
        checked::toString);
  }

  @Test
  void theParseCatchesAWrongExample() {
    CommandLine root = new CommandLine(new CutoverCommand());
    assertThrows(
        CommandLine.UnmatchedArgumentException.class,
        () -> root.parseArgs("status", "cutover-x", "--outptu", "json"));
    assertThrows(
        CommandLine.ParameterException.class,
        () ->
            new CommandLine(new CutoverCommand())
                .parseArgs("status", "cutover-x", "--output", "yaml"));
    assertThrows(
        CommandLine.MissingParameterException.class,
        () ->
            new CommandLine(new CutoverCommand())
                .parseArgs("approve", "cutover-x", "--gate", "go-no-go"));
    List<List<String>> found =
        examples(new CommandLine(new CutoverCommand()).getSubcommands().get("completion"));
    assertEquals(
        List.of(List.of("completion")),
        found,
        "the invocation inside source <( ) is the one checked");
  }
}
