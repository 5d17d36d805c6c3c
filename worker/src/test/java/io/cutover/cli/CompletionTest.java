package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover completion} in a real bash: the script is sourced as {@code source <(cutover
 * completion)} would, and the completion function bash registered for {@code cutover} is called
 * with COMP_WORDS / COMP_CWORD / COMP_LINE set as bash sets them on a TAB.
 */
class CompletionTest {
  @TempDir static Path tmp;
  static Path script;

  /**
   * Sources the script, looks up the function {@code complete -p cutover} names, splits the line
   * into COMP_WORDS (an empty current word when it ends with a space), calls it and prints
   * COMPREPLY one per line.
   */
  static final String DRIVER =
      String.join(
          "\n",
          "source \"$1\" || exit 90",
          "spec=$(complete -p cutover) || exit 91",
          "fn=$(sed -E 's/.* -F ([^ ]+) .*/\\1/' <<<\"$spec\")",
          "line=$2",
          "read -ra COMP_WORDS <<<\"$line\"",
          "[[ $line == *' ' ]] && COMP_WORDS+=('')",
          "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))",
          "COMP_LINE=$line",
          "COMP_POINT=${#line}",
          "COMPREPLY=()",
          "\"$fn\" cutover \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
          "printf '%s\\n' \"${COMPREPLY[@]}\"",
          "");

  @BeforeAll
  static void generate() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(
        0,
        CutoverCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "completion"),
        err::toString);
    assertTrue(out.toString().startsWith("#!/usr/bin/env bash"), out::toString);
    script = tmp.resolve("cutover-completion.bash");
    Files.writeString(script, out.toString());
  }

  /** The candidates bash would offer for the line (the cursor at its end). */
  static List<String> complete(String line) throws Exception {
    // compopt complains outside a real TAB (harmless there): the candidates are on stdout.
    Process p =
        new ProcessBuilder("bash", "-c", DRIVER, "driver", script.toString(), line)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "bash failed for «" + line + "»: " + out);
    return Arrays.stream(out.split("\n")).filter(s -> !s.isEmpty()).sorted().toList();
  }

  @Test
  void completesSubcommands() throws Exception {
    assertEquals(List.of("approve"), complete("cutover ap"));
    assertEquals(
        List.of("rehearse", "reject", "release", "report", "resume", "retry"),
        complete("cutover re"));
    assertEquals(List.of("check"), complete("cutover plan "));
    assertTrue(
        complete("cutover ")
            .containsAll(List.of("run", "status", "list", "report", "plan", "completion")));
  }

  @Test
  void completesOptionsAndTheirValues() throws Exception {
    assertEquals(List.of("--output"), complete("cutover status --out"));
    assertEquals(List.of("--output"), complete("cutover plan check plan.yaml --ou"));
    assertEquals(List.of("json", "text"), complete("cutover list --output "));
    assertEquals(List.of("json"), complete("cutover report cutover-x -o j"));
    assertEquals(List.of("--gate"), complete("cutover approve cutover-x --ga"));
    assertEquals(List.of(), complete("cutover status --js"), "the deprecated --json is hidden");
  }
}
