package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.ShellWords;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's {@code temporal} and {@code tctl} commands as written: each is split as a
 * shell would (with {@code $PWD} the copied repository folder and {@code $PORT} a free port
 * instead of the README's 18080) and sent as the raw {@code json/plain} payloads those tools send.
 * The signals table's payloads are sent too. If the README changes, this test runs the new text.
 */
class ReadmeCommandsTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  static String readme() throws Exception {
    return Files.readString(Examples.root().resolve("README.md"));
  }

  /** The two sh blocks after the marker comment that names this test. */
  static List<String> testedBlocks() throws Exception {
    String text = readme();
    int at = text.indexOf("ReadmeCommandsTest.java runs the commands");
    assertTrue(at > 0, "the README marks the blocks this test runs");
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find() && blocks.size() < 2) {
      if (m.start() > at) {
        blocks.add(m.group(1));
      }
    }
    return blocks;
  }

  /** The signals table: signal name to its JSON payload. */
  static Map<String, String> signalTable() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `(approve|reject|abort)` \\| `(\\{.*\\})` \\|$").matcher(readme());
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    assertEquals(List.of("approve", "reject", "abort"), List.copyOf(out.keySet()));
    return out;
  }

  /** Runs one block's commands; returns the payload of every signal it sent. */
  private List<String> run(String block, TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options,
      RunStatus expected) throws Exception {
    Examples.copy("oapp-canonical-rebuild", tmp.resolve("examples"));
    Map<String, String> vars = new HashMap<>(Map.of("PWD", tmp.toString(), "PORT", Integer.toString(Ports.free())));
    List<String> signals = new ArrayList<>();
    String id = null;
    for (String command : ShellWords.commands(block)) {
      if (command.matches("[A-Z_]+=\\S*")) {
        continue; // PORT=18080: the test's own free port stands in
      }
      List<String> argv = ShellWords.split(command, vars);
      Map<String, String> flags = flags(argv.subList(3, argv.size()));
      String verb = argv.get(0) + " " + argv.get(1) + " " + argv.get(2);
      id = first(flags, "--workflow-id", "--workflow_id");
      switch (verb) {
        case "temporal workflow start", "tctl workflow start" -> {
          assertEquals("CutoverWorkflow", first(flags, "--type", "--workflow_type"));
          // The test environment's worker polls its own queue; the README must name the real one.
          assertEquals(CutoverWorkflow.TASK_QUEUE, first(flags, "--task-queue", "--taskqueue"));
          RawPayloadTest.start(env, options, id, flags.get("--input"));
        }
        case "temporal workflow query", "tctl workflow query" -> {
          assertEquals("status", first(flags, "--type", "--query_type"));
          JsonNode status = query(env, id, "status");
          assertEquals(id, status.path("workflowId").asText(), status::toString);
        }
        case "temporal workflow signal", "tctl workflow signal" -> {
          CutoverTesting.awaitStatus(client.newWorkflowStub(CutoverWorkflow.class, id), CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));
          RawPayloadTest.signal(env, id, flags.get("--name"), flags.get("--input"));
          signals.add(flags.get("--name") + " " + flags.get("--input"));
        }
        case "temporal workflow result", "tctl workflow observe" -> {
          CutoverReport r = client.newUntypedWorkflowStub(id).getResult(CutoverReport.class);
          assertEquals(expected, r.status(), r::toString);
        }
        default -> throw new AssertionError("the test does not know how to run: " + command);
      }
    }
    return signals;
  }

  private static Map<String, String> flags(List<String> args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      assertTrue(args.get(i).startsWith("--"), () -> "expected a flag at " + args);
      out.put(args.get(i), args.get(i + 1));
    }
    return out;
  }

  private static String first(Map<String, String> flags, String a, String b) {
    return flags.containsKey(a) ? flags.get(a) : flags.get(b);
  }

  private static JsonNode query(TestWorkflowEnvironment env, String id, String type) throws Exception {
    var resp = env.getWorkflowServiceStubs().blockingStub().queryWorkflow(QueryWorkflowRequest.newBuilder()
        .setNamespace(env.getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
        .setQuery(WorkflowQuery.newBuilder().setQueryType(type))
        .build());
    return Json.MAPPER.readTree(resp.getQueryResult().getPayloads(0).getData().toByteArray());
  }

  @Test
  void theTemporalCliBlockStartsQueriesApprovesAndGetsTheResult(TestWorkflowEnvironment env, WorkflowClient client,
      WorkflowOptions options) throws Exception {
    List<String> sent = run(testedBlocks().get(0), env, client, options, RunStatus.SUCCEEDED);
    assertEquals(List.of("approve " + signalTable().get("approve")), sent, "the block sends the table's approve payload");
  }

  @Test
  void theTctlBlockStartsQueriesAbortsAndObserves(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    List<String> sent = run(testedBlocks().get(1), env, client, options, RunStatus.ROLLED_BACK);
    assertEquals(List.of("abort " + signalTable().get("abort")), sent, "the block sends the table's abort payload");
  }

  @Test
  void theTablesRejectPayloadRejectsTheGate(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    String block = testedBlocks().get(0).replace("--name approve", "--name reject")
        .replace("'{\"gate\": \"go-no-go\", \"by\": \"alice\", \"comment\": \"backup verified\"}'", "'" + signalTable().get("reject") + "'");
    run(block, env, client, options, RunStatus.ROLLED_BACK);
    CutoverReport r = client.newUntypedWorkflowStub("cutover-oapp-production").getResult(CutoverReport.class);
    assertEquals("step 'go-no-go' failed: gate 'go-no-go' rejected by bob: change freeze", r.failure());
  }
}
