package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.testing.CutoverCli;
import io.cutover.testing.CutoverCli.Result;
import io.cutover.testing.Ports;
import io.cutover.testing.RealTemporal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output json} of {@code status}, {@code list} and {@code report} on the real Temporal dev
 * server (one for the class) with a worker: a run waiting at its gate, then approved; and the
 * errors, which in JSON mode are a JSON document on stdout with the usual exit code.
 */
class CliOutputTest {
  static final String ID = "cutover-json-drill";

  @TempDir static Path tmp;
  static RealTemporal temporal;

  @BeforeAll
  static void serverAndWorker() {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    temporal.worker(null);
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  /** The command in this JVM against the class's server. */
  static Result cutover(String... args) {
    return CutoverCli.run(temporal.address(), args);
  }

  /**
   * Runs the command until its JSON satisfies the condition (the run moves on; visibility is
   * eventually consistent).
   */
  static JsonNode until(Predicate<JsonNode> condition, String... args) throws Exception {
    Result r =
        CutoverCli.until(
            temporal.address(),
            Duration.ofSeconds(60),
            x -> {
              try {
                return condition.test(x.json());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            args);
    assertEquals("", r.err());
    return r.json();
  }

  static JsonNode run(JsonNode list, String id) {
    for (JsonNode r : list) {
      if (r.get("workflowId").asText().equals(id)) {
        return r;
      }
    }
    return null;
  }

  @Test
  void statusListAndReportAsJsonFollowARunThroughItsGate() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: json drill",
            "anchor: json-drill-1",
            "target: json-drill",
            "steps:",
            "  - {id: settle, type: wait, duration: 1s, description: let the old system settle}",
            "  - id: go-no-go",
            "    type: gate",
            "    prompt: Switch to the new system",
            "    approvers: [{name: alice, role: owner}]",
            ""));
    Result started = cutover("start", plan.toString());
    assertEquals(0, started.code(), started::err);
    assertEquals(ID, started.out().trim());

    JsonNode status = until(s -> s.get("openGate").isObject(), "status", ID, "--output", "json");
    assertEquals(ID, status.get("workflowId").asText());
    assertEquals("AWAITING_APPROVAL", status.get("status").asText(), status::toPrettyString);
    assertEquals("go-no-go", status.get("currentStep").asText(), status::toPrettyString);
    assertEquals("go-no-go", status.get("openGate").get("gate").asText());
    assertEquals("Switch to the new system", status.get("openGate").get("prompt").asText());
    assertEquals("settle", status.get("steps").get(0).get("id").asText());
    assertEquals("SUCCEEDED", status.get("steps").get(0).get("status").asText());

    Result alias = cutover("status", ID, "--json");
    assertEquals(0, alias.code(), alias::err);
    assertEquals(
        status.get("openGate"),
        alias.json().get("openGate"),
        "the deprecated --json prints the same document");

    JsonNode listed =
        until(
            l ->
                l.isArray()
                    && run(l, ID) != null
                    && "go-no-go".equals(run(l, ID).path("gate").asText(null)),
            "list",
            "--output",
            "json");
    JsonNode row = run(listed, ID);
    assertEquals("AWAITING_APPROVAL", row.get("status").asText(), row::toPrettyString);
    assertEquals("Running", row.get("executionStatus").asText());
    assertEquals("json-drill", row.get("target").asText());
    assertTrue(row.get("runId").asText().length() > 10, row::toPrettyString);
    assertTrue(row.get("closedAt").isNull(), row::toPrettyString);
    assertEquals(
        "json drill · anchor json-drill-1 · target json-drill", row.get("summary").asText());
    Result none = cutover("list", "--query", "CutoverStatus=\"ROLLING_BACK\"", "-o", "json");
    assertEquals(0, none.code(), none::err);
    assertEquals(0, none.json().size(), "nothing matches: an empty array, " + none.out());

    assertEquals(
        0,
        cutover("approve", ID, "--gate", "go-no-go", "--by", "alice", "--comment", "numbers match")
            .code());
    Result report = cutover("report", ID, "--output", "json");
    assertEquals(0, report.code(), report::err);
    assertEquals("", report.err());
    JsonNode r = report.json();
    assertEquals(ID, r.get("workflowId").asText());
    assertEquals("SUCCEEDED", r.get("status").asText(), r::toPrettyString);
    List<String> steps = new ArrayList<>();
    r.get("steps").forEach(s -> steps.add(s.get("id").asText() + " " + s.get("status").asText()));
    assertEquals(List.of("settle SUCCEEDED", "go-no-go SUCCEEDED"), steps);
    assertEquals("alice", r.get("approvals").get(0).get("by").asText());
    assertEquals("numbers match", r.get("approvals").get(0).get("comment").asText());

    JsonNode closed =
        until(
            l ->
                run(l, ID) != null
                    && "Completed".equals(run(l, ID).get("executionStatus").asText()),
            "list",
            "--output",
            "json");
    assertEquals("SUCCEEDED", run(closed, ID).get("status").asText());
    assertTrue(run(closed, ID).get("closedAt").isTextual());

    // The real command in its own JVM: its stdout is the one document, whatever it logs on stderr.
    Result process = process("status", ID, "--output", "json", "--address", temporal.address());
    assertEquals(0, process.code(), process::err);
    assertEquals("SUCCEEDED", process.json().get("status").asText());
  }

  @Test
  void errorsInJsonModeAreADocumentOnStdoutWithTheExitCode() throws Exception {
    Result missing = cutover("status", "no-such-run", "--output", "json");
    assertEquals(1, missing.code());
    assertEquals("", missing.err(), "JSON mode: the error is on stdout only");
    JsonNode e = missing.json();
    assertEquals("not-found", e.get("kind").asText(), missing::out);
    assertEquals(1, e.get("exitCode").asInt());
    assertTrue(
        e.get("error").asText().startsWith("no cutover with workflow id no-such-run"),
        missing::out);
    Result text = cutover("status", "no-such-run");
    assertEquals(1, text.code());
    assertEquals("", text.out(), "text mode: the message is on stderr");
    assertTrue(text.err().startsWith("no cutover with workflow id no-such-run"), text::err);

    Result report = cutover("report", "no-such-run", "-o", "json");
    assertEquals(1, report.code());
    assertEquals("not-found", report.json().get("kind").asText(), report::out);

    Result badQuery = cutover("list", "--query", "CutoverStatus=", "--output", "json");
    assertEquals(2, badQuery.code(), badQuery::out);
    assertEquals("invalid", badQuery.json().get("kind").asText());
    assertEquals(2, badQuery.json().get("exitCode").asInt());
    assertTrue(
        badQuery
            .json()
            .get("error")
            .asText()
            .contains("--query CutoverStatus=: the server refused it"),
        badQuery::out);

    Result unreachable =
        cutover("list", "--output", "json", "--address", "127.0.0.1:" + Ports.free());
    assertEquals(1, unreachable.code(), unreachable::out);
    assertEquals("unreachable", unreachable.json().get("kind").asText(), unreachable::out);
    assertTrue(
        unreachable.json().get("error").asText().startsWith("cannot reach Temporal"),
        unreachable::out);

    Result usage = cutover("status", "no-such-run", "--output", "yaml");
    assertEquals(2, usage.code());
    assertEquals("", usage.out());
    assertTrue(
        usage.err().startsWith("Invalid value for option '--output': expected one of [text, json]"),
        usage::err);
  }

  /**
   * {@code cutover ARGS} as a process of its own (this JVM's classpath), stdout and stderr apart.
   */
  static Result process(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.cutover.cli.CutoverCommand"));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(tmp, "stderr", ".txt");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        p.waitFor(60, TimeUnit.SECONDS), "cutover " + String.join(" ", args) + " did not end");
    return new Result(p.exitValue(), out, Files.readString(err));
  }
}
