package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cutover plan check` on hosts, http and column-mapping steps: every problem, with its line. */
class ApiPlanCheckTest {
  @TempDir Path tmp;

  @Test
  void namesEveryProblemOfHostsAndApiSteps() throws Exception {
    Path plan = tmp.resolve("bad.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: bad api plan",
            "anchor: a-1",
            "target: api",
            "resources:",
            "  hosts:",
            "    db-1: {workerWait: 100ms}",
            "steps:",
            "  - id: call",
            "    type: http",
            "    requests:",
            "      - url: https://api.example.com/boards",
            "        method: FETCH",
            "        headers: {Authorization: \"Bearer abc123\"}",
            "      - url: https://api.example.com/boards/${capture.board}/items",
            "        body: {name: x}",
            "  - id: columns",
            "    type: column-mapping",
            "    config: missing.toml",
            "    mapping: monday production",
            "    url: ftp://api.example.com/columns",
            ""));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CutoverCommand.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "plan",
            "check",
            plan.toString());
    String text = err.toString() + out;
    assertEquals(2, code, text);
    assertTrue(
        text.contains(":6:") && text.contains("'100ms' is out of range: give at least 1s"), text);
    assertTrue(text.contains(":12:") && text.contains("unknown method 'FETCH'"), text);
    assertTrue(
        text.contains(":13:") && text.contains("never write a credential into a plan"), text);
    assertTrue(
        text.contains("${capture.board} is not captured by this or an earlier request"), text);
    assertTrue(
        text.contains(":18:")
            && text.contains("missing.toml (paths are relative to the plan's folder)"),
        text);
    assertTrue(text.contains(":19:") && text.contains("dotted TOML path"), text);
    assertTrue(
        text.contains(":20:") && text.contains("a URL starts with http:// or https://"), text);
  }
}
