package io.cutover.testing;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.cli.CutoverCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
   * Runs the command every 300 ms until it exits 0 with a result {@code accepted} takes (a run
   * moves on; visibility is eventually consistent); fails after {@code timeout} naming the command
   * and its last output.
   */
  public static Result until(
      String address, Duration timeout, Predicate<Result> accepted, String... args)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Result r;
    do {
      r = run(address, args);
      if (r.code() == 0 && accepted.test(r)) {
        return r;
      }
      Thread.sleep(300);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "cutover "
            + String.join(" ", args)
            + " never showed what was expected within "
            + timeout
            + "; last:\n"
            + r.out()
            + r.err());
  }

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
