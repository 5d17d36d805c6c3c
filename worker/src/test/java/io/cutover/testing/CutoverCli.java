package io.cutover.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.cli.CutoverCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cutover} command run in this JVM as a user types it, with its exit code, stdout and
 * stderr captured: the one way the CLI tests run a command in-process.
 */
public final class CutoverCli {
  /** What the command printed and returned. */
  public record Result(int code, String out, String err) {
    /** Stdout as one JSON document, and nothing after it. */
    public JsonNode json() throws Exception {
      try (JsonParser p = Json.MAPPER.createParser(out)) {
        JsonNode node = Json.MAPPER.readTree(p);
        assertNull(p.nextToken(), "one JSON document, nothing after it: " + out);
        return node;
      }
    }
  }

  private CutoverCli() {}

  /**
   * {@code cutover ARGS --address ADDRESS}: against this server unless the arguments name one (a
   * null address adds none: keygen, plan check).
   */
  public static Result run(String address, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (address != null && !all.contains("--address")) {
      all.addAll(List.of("--address", address));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CutoverCommand.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }
}
