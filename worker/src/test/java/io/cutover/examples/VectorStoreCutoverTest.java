package io.cutover.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Sqlite;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed 003 end to end: the real example plan, its real stand-in backend and chat on loopback, the
 * full 30-minute log watch on the time-skipping server.
 */
class VectorStoreCutoverTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  Path plan;
  Path dir;
  int port;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("vector-store-to-postgres", tmp);
    dir = plan.getParent();
    port = Ports.free();
    vars = Map.of("port", Integer.toString(port), "chat_port", Integer.toString(Ports.free()));
  }

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(dir);
  }

  @Test
  void happyPathMovesTheVectorsSwitchesAndWatchesThirtyMinutes(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    io.cutover.testing.Histories.recordIfAsked(client, wf, "vector-store-happy-path");
    String history = io.cutover.testing.Histories.allText(client, r.workflowId());
    String token = Files.readString(dir.resolve("secrets/admin-token")).trim();
    assertTrue(
        history.contains("${file:secrets/admin-token}"),
        "payloads are readable here: the plan's reference is in history");
    assertTrue(
        history.contains("CutoverMonitor"), "the monitor window's own histories are scanned too");
    assertFalse(
        history.contains(token),
        "the admin token never enters any history: the cutover's or its window's");
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    assertEquals(
        24,
        Long.parseLong(
            Sqlite.scalar(
                dir.resolve("work/supabase.db"),
                "SELECT COUNT(*) FROM memory_fragments WHERE embedding IS NOT NULL")));
    JsonNode health = get("/health");
    assertEquals("healthy", health.get("status").asText(), "maintenance is off");
    assertEquals("new", health.get("database").asText());
    assertEquals("pgvector", get("/api/search?org=org_demo&q=onboarding").get("backend").asText());
    assertEquals(181, r.monitors().get(0).samples(), "30 minutes of 10-second samples");
    assertTrue(
        Files.readString(dir.resolve("work/ops-chat.jsonl"))
            .contains("run-ended: cutover SUCCEEDED"));
    assertTrue(Files.exists(Path.of(r.records().get(0))));
  }

  @ParameterizedTest(name = "{0} on the new database fires {1}")
  @CsvSource({
    "5xx, error-rate",
    "rls-leak, rls-leak",
    "db-errors, db-connection",
    "search-broken, search-broken"
  })
  void eachRollbackTriggerLeavesTheOldSystemHealthy(
      String mode, String trigger, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    // The smoke tests would catch most of these at once; break the new system once it is being
    // watched.
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("log-watch"), Duration.ofSeconds(120));
    Files.writeString(dir.resolve("work/steer.properties"), "new=" + mode + "\n");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    if (mode.equals("5xx")) {
      io.cutover.testing.Histories.recordIfAsked(client, wf, "vector-store-trigger-rollback");
    }
    assertTrue(
        r.failure().startsWith("step 'log-watch' failed: trigger '" + trigger + "'"), r.failure());
    assertEquals(
        Files.readString(dir.resolve("config/backend.env.old")),
        Files.readString(dir.resolve("work/backend.env")),
        "the previous .env is back");
    JsonNode health = get("/health");
    assertEquals("old", health.get("database").asText(), "restarted on the old database");
    assertEquals("healthy", health.get("status").asText(), "and maintenance is off again");
    JsonNode search = get("/api/search?org=org_demo&q=onboarding");
    assertEquals("qdrant", search.get("backend").asText());
    assertTrue(search.get("results").size() > 0, "the old system answers searches");
    assertEquals(
        24,
        Long.parseLong(
            Sqlite.scalar(
                dir.resolve("work/supabase.db"),
                "SELECT COUNT(*) FROM memory_fragments WHERE embedding IS NOT NULL")),
        "the new data stays for the investigation");
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
    assertTrue(Files.readString(dir.resolve("work/ops-chat.jsonl")).contains("rollback-started"));
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(resp.body());
  }
}
