package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.Refs;
import io.cutover.api.CompensationReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.Evidence;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Histories;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Sqlite;
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
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002 end to end: the board API and the sync job stand-ins on loopback, the real plan. Go
 * keeps the pipeline on production; no-go deletes what the run created and switches back; the
 * seed's column trap stops the run before anything is written, naming every mismatch.
 */
class SyncEnvSwitchTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();
  static final String TOKEN = "stand-in-token-" + Long.toHexString(System.nanoTime());

  @TempDir Path tmp;
  Path plan;
  Path dir;
  int port;
  String originalConfig;

  @BeforeEach
  void copyExample() throws Exception {
    plan = Examples.copy("sync-env-switch", tmp);
    dir = plan.getParent();
    port = Ports.free();
    originalConfig = Files.readString(dir.resolve("sync.toml"));
    Refs.environment(name -> name.equals("BOARD_API_TOKEN") ? TOKEN : System.getenv(name));
  }

  @AfterEach
  void stop() {
    Refs.environment(null);
    Processes.killFromPidFiles(tmp);
  }

  /**
   * The functional tests lower the plan's 200 records/s bar to 1: a loaded CI machine must not
   * decide whether they pass. The bar itself is tested by raising it out of reach, and the
   * throughput measured is printed.
   */
  private CutoverWorkflow start(WorkflowClient client, WorkflowOptions options) {
    return start(client, options, "1");
  }

  private CutoverWorkflow start(WorkflowClient client, WorkflowOptions options, String minRate) {
    return CutoverTesting.start(
        client,
        options,
        plan,
        Map.of(
            "port",
            Integer.toString(port),
            "minRate",
            minRate,
            "chatPort",
            Integer.toString(Ports.free())));
  }

  private JsonNode board(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r::body);
    return Json.MAPPER.readTree(r.body());
  }

  private static String evidence(StepReport s) {
    return String.join("\n", s.evidence().stream().map(Evidence::toString).toList());
  }

  @Test
  void goKeepsThePipelineOnProductionWithGroupsBeforeItems(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = start(client, options);
    CutoverReport atGate =
        CutoverTesting.awaitStatus(
            wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(120));
    assertTrue(
        atGate.openGate().evidence().stream()
            .anyMatch(
                e -> e.name().equals("summary $.recordsPerSecond") && Boolean.TRUE.equals(e.ok())),
        () -> "the gate shows the throughput being approved: " + atGate.openGate().evidence());
    wf.approve(new Decision("go-no-go", "alice", "1000 orders on production, 200/s bar met"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
    Histories.recordIfAsked(client, wf, "sync-env-switch-go");
    assertEquals(
        originalConfig.replace("environment = \"development\"", "environment = \"production\""),
        Files.readString(dir.resolve("sync.toml")),
        "only the environment changed; comments and every other line kept");

    StepReport groups = step(r, "create-groups");
    // Board structure changes are limited to one a second: the groups after the first meet a 429.
    assertTrue(
        groups
            .summary()
            .matches(
                "3 request\\(s\\) passed; rate limited [12]× \\(429\\), waited as Retry-After"
                    + " asked"),
        groups::summary);
    assertTrue(
        groups.evidence().stream()
            .anyMatch(
                e ->
                    Boolean.TRUE.equals(e.ok())
                        && e.actual().matches("201 after 1× 429, waited 1\\.0s \\(Retry-After\\)")),
        () -> evidence(groups));
    double rate =
        step(r, "limited-run").evidence().stream()
            .filter(e -> e.name().equals("summary $.recordsPerSecond"))
            .mapToDouble(e -> Double.parseDouble(e.actual()))
            .findFirst()
            .orElseThrow();
    System.out.printf(
        "limited production run: 1000 records at %.1f records/s (the seed's bar: 200)%n", rate);

    JsonNode prod = board("/boards/9200517329");
    assertEquals(1000, prod.path("items_count").asInt());
    JsonNode items = board("/boards/9200517329/items").path("items");
    Map<String, String> groupIds = new HashMap<>();
    prod.path("groups").forEach(g -> groupIds.put(g.path("id").asText(), g.path("title").asText()));
    // The API numbers everything it creates in one sequence: every item came after every group.
    long lastGroup =
        groupIds.keySet().stream()
            .filter(g -> g.startsWith("group_"))
            .mapToLong(g -> Long.parseLong(g.substring(6)))
            .max()
            .orElseThrow();
    long firstItem =
        StreamSupport.stream(items.spliterator(), false)
            .mapToLong(i -> i.path("id").asLong())
            .min()
            .orElseThrow();
    assertTrue(
        lastGroup < firstItem,
        "groups before items: last group " + lastGroup + ", first item " + firstItem);
    JsonNode first = items.get(0);
    assertEquals(
        "TITLE NINE",
        groupIds.get(first.path("group_id").asText()),
        "order 1 is a TITLE NINE order, in its customer group");
    assertEquals(
        "2025 FALL",
        first.path("column_values").path("text_mkp47g7m").asText(),
        "SEASON written as text, as production wants");
    assertEquals(
        "TITLE NINE",
        first.path("column_values").path("dropdown_mkp4ar5n").path("labels").get(0).asText());
    assertEquals(
        2000,
        board("/boards/9200771505/items").path("count").asInt(),
        "two lines per order as subitems");
    assertEquals(
        0, board("/boards/9609317401").path("items_count").asInt(), "nothing went to development");
    assertEquals(
        "1000",
        Sqlite.scalar(
            dir.resolve("work/orders.db"),
            "SELECT COUNT(*) FROM swp_ORDER_LIST_SYNC WHERE sync_state = 'SYNCED'"));

    // Protobuf's text form shows payload bytes as text (the JSON form would show them in base64).
    String history =
        client
            .fetchHistory(WorkflowStub.fromTyped(wf).getExecution().getWorkflowId())
            .getHistory()
            .toString();
    assertTrue(
        history.contains("${env:BOARD_API_TOKEN}"),
        "payloads are readable here: the plan's reference is in history");
    assertFalse(history.contains(TOKEN), "the API token itself never enters workflow history");
  }

  @Test
  void noGoDeletesWhatTheRunCreatedByItsIdsAndSwitchesBack(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = start(client, options);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(120));
    assertEquals(1000, board("/boards/9200517329").path("items_count").asInt());
    wf.reject(new Decision("go-no-go", "bob", "wait for TASK020 change detection"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    Histories.recordIfAsked(client, wf, "sync-env-switch-no-go");

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    assertEquals(
        originalConfig,
        Files.readString(dir.resolve("sync.toml")),
        "back on development, byte for byte");
    JsonNode prod = board("/boards/9200517329");
    assertEquals(0, prod.path("items_count").asInt(), "the limited run's items are gone");
    assertEquals(0, board("/boards/9200771505/items").path("count").asInt(), "and their subitems");
    assertEquals(
        1,
        prod.path("groups").size(),
        "only the board's own Archive group is left: " + prod.path("groups"));
    assertEquals(
        "1200",
        Sqlite.scalar(
            dir.resolve("work/orders.db"),
            "SELECT COUNT(*) FROM swp_ORDER_LIST_SYNC WHERE sync_state = 'NEW'"),
        "the source rows are NEW again");
    assertEquals(3, r.rollback().compensations().size());
    assertTrue(
        r.rollback().compensations().stream().allMatch(c -> c.status() == StepStatus.COMPENSATED),
        () -> r.rollback().compensations().toString());
    CompensationReport first = r.rollback().compensations().get(0);
    assertTrue(
        first.action().contains("--delete-created"),
        "items first, then the switch, then the groups: " + first.action());
    assertEquals(
        StepStatus.SUCCEEDED,
        r.rollback().steps().get(0).status(),
        "the pipeline answers on development again");
  }

  @Test
  void aLimitedRunBelowTheThroughputBarFailsAndItsItemsAreDeleted(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverReport r =
        WorkflowStub.fromTyped(start(client, options, "1000000")).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    StepReport run = step(r, "limited-run");
    assertEquals(StepStatus.COMPENSATED, run.status());
    assertTrue(
        r.failure()
            .startsWith(
                "step 'limited-run' failed: limited-run: summary $.recordsPerSecond: expected >="
                    + " 1000000, actual "),
        r::failure);
    assertTrue(
        evidence(run).contains("summary $.records: expected = 1000, actual 1000 ok"),
        () -> evidence(run));
    assertEquals(
        0,
        board("/boards/9200517329").path("items_count").asInt(),
        "the items it did create are deleted");
    assertEquals(originalConfig, Files.readString(dir.resolve("sync.toml")));
  }

  @Test
  void theSeedsColumnTrapStopsTheRunAndNamesEveryMismatch(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    // The production mapping as someone copying the development one would write it.
    Files.writeString(
        dir.resolve("sync.toml"),
        originalConfig
            .replace(
                "\"CUSTOMER\" = { id = \"dropdown_mkp4ar5n\"",
                "\"CUSTOMER NAME\" = { id = \"dropdown_mkr542p2\"")
            .replace(
                "\"SEASON\" = { id = \"text_mkp47g7m\", type = \"text\"",
                "\"SEASON\" = { id = \"text_mkp47g7m\", type = \"dropdown\""));
    CutoverReport r = WorkflowStub.fromTyped(start(client, options)).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    StepReport columns = step(r, "validate-columns");
    assertEquals(StepStatus.FAILED, columns.status());
    assertTrue(
        columns
            .error()
            .startsWith(
                "2 of 5 mapped columns in sync.toml [monday.production.columns] do not match the"
                    + " board"),
        columns::error);
    assertTrue(
        columns
            .error()
            .contains(
                "'CUSTOMER NAME': column dropdown_mkr542p2 does not exist on the board (the board"
                    + " has \"CUSTOMER\""),
        columns::error);
    assertTrue(
        columns
            .error()
            .contains(
                "'SEASON': the job writes a dropdown but column text_mkp47g7m (\"SEASON\") is"
                    + " text"),
        columns::error);
    assertEquals(StepStatus.SKIPPED, step(r, "create-groups").status());
    assertEquals(
        1, board("/boards/9200517329").path("groups").size(), "nothing was created on production");
  }
}
