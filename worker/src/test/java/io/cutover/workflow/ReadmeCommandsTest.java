package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Histories;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.RealTemporal;
import io.cutover.testing.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's {@code temporal} commands as written, one by one, with bash and the real pinned
 * {@code temporal} binary first on the PATH, against the real dev server ({@code TEMPORAL_ADDRESS})
 * and a Cutover worker. Only {@code PORT} differs (a free port instead of 18080), and the test
 * waits for the gate to open before a command decides it, as a person would. The signals table's
 * reject and abort payloads are sent the same way.
 */
class ReadmeCommandsTest {
  static final String ID = "cutover-oapp-production";

  @TempDir static Path serverDir;
  @TempDir Path tmp;
  static RealTemporal temporal;

  /** The repository copy the current block runs in (a new one per block). */
  Path repo;

  int copies;

  @BeforeAll
  static void serverAndWorker() {
    temporal = RealTemporal.start(serverDir, false);
    temporal.worker(null);
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  @AfterEach
  void stopServicesAndRuns() {
    try {
      // A run a failed test left open must not be decided by the next test's commands.
      temporal.client().newUntypedWorkflowStub(ID).terminate("test over");
    } catch (RuntimeException alreadyClosed) {
      // the usual case
    }
    Processes.killFromPidFiles(tmp);
  }

  static String readme() throws IOException {
    return Files.readString(Examples.root().resolve("README.md"));
  }

  /** The three sh blocks after the marker comment that names this test. */
  static List<String> blocks() throws IOException {
    String text = readme();
    int at = text.indexOf("ReadmeCommandsTest.java runs the next three blocks");
    assertTrue(at > 0, "the README marks the blocks this test runs");
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find() && blocks.size() < 3) {
      if (m.start() > at) {
        blocks.add(m.group(1));
      }
    }
    assertEquals(3, blocks.size());
    return blocks;
  }

  /** The signals table: signal name to its JSON payload. */
  static Map<String, String> signalTable() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\| `(approve|reject|abort)` \\| `(\\{.*\\})` \\|$")
            .matcher(readme());
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    assertEquals(List.of("approve", "reject", "abort"), List.copyOf(out.keySet()));
    return out;
  }

  record Ran(String command, int code, String output) {}

  /**
   * Runs a block's commands in the repository copy; a command that decides the gate waits for it
   * first.
   */
  List<Ran> run(String block) throws Exception {
    repo = tmp.resolve("repo-" + (++copies));
    Examples.copy("oapp-canonical-rebuild", repo.resolve("examples"));
    String port = Integer.toString(Ports.free());
    List<Ran> ran = new ArrayList<>();
    for (String command : ShellWords.commands(block)) {
      if (command.matches("[A-Z_]+=\\S*")) {
        continue; // PORT=18080: the test's own free port stands in
      }
      if (command.contains(" signal ")
          || command.contains(" update ")
          || command.contains(" cancel ")) {
        CutoverTesting.awaitStatus(
            temporal.client().newWorkflowStub(CutoverWorkflow.class, ID),
            CutoverTesting.gateOpen("go-no-go"),
            Duration.ofSeconds(90));
      }
      ran.add(bash(command, port));
    }
    return ran;
  }

  Ran bash(String command, String port) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", command)
            .directory(repo.toFile())
            .redirectErrorStream(true);
    pb.environment().put("PATH", temporal.cli().getParent() + ":" + System.getenv("PATH"));
    pb.environment().put("TEMPORAL_ADDRESS", temporal.address());
    pb.environment().put("PORT", port);
    pb.environment().remove("TEMPORAL_NAMESPACE");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 3 minutes: " + command);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> command + "\n" + out);
    return new Ran(command, p.exitValue(), out);
  }

  static String only(List<Ran> ran, String verb) {
    return ran.stream()
        .filter(r -> r.command().startsWith("temporal workflow " + verb))
        .map(Ran::output)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no 'temporal workflow " + verb + "' command ran"));
  }

  CutoverReport report() {
    return temporal.client().newUntypedWorkflowStub(ID).getResult(CutoverReport.class);
  }

  @Test
  void theFirstBlockStartsQueriesApprovesAndPrintsTheResult() throws Exception {
    List<Ran> ran = run(blocks().get(0));
    assertTrue(only(ran, "query").contains("\"workflowId\":\"" + ID + "\""), only(ran, "query"));
    String result = only(ran, "result");
    assertTrue(result.contains("COMPLETED"), result);
    assertTrue(result.contains("\"status\":\"SUCCEEDED\""), result);
    assertTrue(result.contains("approved by alice: backup verified"), result);
    Histories.recordIfAsked(temporal.client(), ID, "real-server-oapp-approved");
    assertTrue(
        blocks()
            .get(0)
            .contains("--name approve \\\n  --input '" + signalTable().get("approve") + "'"),
        "the block sends the table's approve payload");
  }

  @Test
  void theDecideUpdateApprovesAndSaysSo() throws Exception {
    String start =
        ShellWords.commands(blocks().get(0)).stream()
            .filter(c -> c.startsWith("temporal workflow start"))
            .findFirst()
            .orElseThrow();
    List<Ran> ran = run(start + "\n" + blocks().get(1));
    assertTrue(only(ran, "update").contains("approved"), only(ran, "update"));
    CutoverReport r = report();
    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
    assertEquals("alice", r.approvals().get(0).by());
  }

  @Test
  void cancellingAtTheGateRollsBackAndTheReportStaysReadable() throws Exception {
    String start =
        ShellWords.commands(blocks().get(0)).stream()
            .filter(c -> c.startsWith("temporal workflow start"))
            .findFirst()
            .orElseThrow();
    List<String> third = ShellWords.commands(blocks().get(2));
    run(start + "\n" + third.get(0));
    String query = third.get(1);
    assertTrue(query.startsWith("temporal workflow query"), query);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String out;
    do {
      Thread.sleep(500);
      out = bash(query, "0").output();
    } while (!out.contains("\"status\":\"ROLLED_BACK\"") && System.nanoTime() < deadline);
    assertTrue(out.contains("\"status\":\"ROLLED_BACK\""), out);
    assertTrue(out.contains("the workflow was cancelled"), out);
    // The report says ROLLED_BACK as soon as the rollback is done; the run closes a moment later
    // (records written, resource locks released), so wait for the close as a user would.
    String described;
    long closeBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    do {
      described = bash("temporal workflow describe --workflow-id " + ID, "0").output();
    } while (!(described.contains("Canceled") || described.contains("CANCELED"))
        && System.nanoTime() < closeBy
        && sleep(500));
    assertTrue(described.contains("Canceled") || described.contains("CANCELED"), described);
    Histories.recordIfAsked(temporal.client(), ID, "real-server-oapp-cancelled");
  }

  @Test
  void theTablesRejectAndAbortPayloadsRollTheRunBack() throws Exception {
    String approve = "--name approve \\\n  --input '" + signalTable().get("approve") + "'";
    String block = blocks().get(0);
    run(
        block.replace(
            approve, "--name reject \\\n  --input '" + signalTable().get("reject") + "'"));
    CutoverReport rejected = report();
    assertEquals(RunStatus.ROLLED_BACK, rejected.status());
    assertEquals(
        "step 'go-no-go' failed: gate 'go-no-go' rejected by bob: change freeze",
        rejected.failure());

    Processes.killFromPidFiles(tmp);
    run(block.replace(approve, "--name abort \\\n  --input '" + signalTable().get("abort") + "'"));
    CutoverReport aborted = report();
    assertEquals(RunStatus.ROLLED_BACK, aborted.status());
    assertTrue(
        aborted.failure().contains("carol") && aborted.failure().contains("API errors"),
        aborted.failure());
  }

  private static boolean sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
    return true;
  }
}
