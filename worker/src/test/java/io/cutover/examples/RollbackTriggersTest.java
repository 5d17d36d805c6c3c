package io.cutover.examples;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.DrillKeys;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Skipping;
import io.cutover.testing.Sqlite;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rollback triggers the seeds name that no other test fires, each on its example plan with its
 * stand-ins, windows shortened through the {@code window} var: the trigger fires, the run rolls
 * back, and the old system is back — data by checksum, config byte for byte, services answering.
 * (Already fired elsewhere: seed 000's failed validation, no-go and abort in {@code
 * OappCutoverTest}; seed 001's 5xx and failed minute-15 verification in {@code
 * SqliteToPostgresCutoverTest}; seed 002's no-go, column trap and throughput bar in {@code
 * SyncEnvSwitchTest}; seed 004's decision tree in {@code PipelineCutoverTest}.)
 */
class RollbackTriggersTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  Path dir;
  int port;

  @AfterEach
  void stopServices() {
    // TERM first: seed 001's PostgreSQL shuts down cleanly on it.
    Processes.stopFromPidFiles(tmp);
  }

  /**
   * Seed 000, "API endpoints return errors" (availability 99%+) and "service health checks fail",
   * during the 30-minute extended monitoring.
   */
  @ParameterizedTest(name = "seed 000: rebuilt={0} fires {1}")
  @CsvSource({"5xx, api-errors", "down, service-health"})
  void seed000WindowTriggerRestoresTheBackup(
      String mode, String trigger, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    dir = plan.getParent();
    port = Ports.free();
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan,
            Map.of("port", Integer.toString(port), "window", "2m", "interval", "5s"));
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(90));
    wf.approve(new Decision("go-no-go", "alice", "backup verified"));
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("extended-monitoring"), Duration.ofSeconds(150));
    // The API breaks while it serves the rebuilt hierarchy; the restored one cures it.
    Files.writeString(dir.resolve("work/steer.properties"), "rebuilt=" + mode + "\n");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(
        r.failure().startsWith("step 'extended-monitoring' failed: trigger '" + trigger + "'"),
        r.failure());
    Path backup = Path.of(step(r, "backup-production").artifacts().get(0));
    assertEquals(
        SafeFiles.sha256(backup),
        SafeFiles.sha256(dir.resolve("work/oapp_production.db")),
        "the production database is the backup again, byte for byte");
    assertFalse(
        Files.exists(dir.resolve("work/memory_anchor.txt")), "the MemoryPlugin anchor is undone");
    assertFalse(Files.exists(dir.resolve("work/maintenance.flag")));
    assertTrue(
        Files.readString(dir.resolve("work/oapp_cutover.log"))
            .contains("ROLLBACK EXECUTED - restored from backups/primary/"),
        "the rollback is in the cutover log");
    assertEquals(200, status("/api/health"), "the API answers on the restored database");
    assertTrue(get("/api/projects/count").contains("\"count\":12"), "the legacy 12 projects");
    allRollbackStepsPassed(r);
  }

  /** Seed 001, trigger 1: an instance fails readiness for more than 5 minutes after the switch. */
  @Test
  void seed001ReadinessFailingAfterTheSwitchGoesBackToSqlite(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Path plan = Examples.copy("sqlite-to-postgres", tmp);
    dir = plan.getParent();
    port = Ports.free();
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan,
            Map.of(
                "port",
                Integer.toString(port),
                "pgPort",
                Integer.toString(Ports.free()),
                "stagingPort",
                Integer.toString(Ports.free()),
                "window",
                "10m"));
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofMinutes(3));
    byte[] config = Files.readAllBytes(dir.resolve("work/appsettings.json"));
    String sqlite = SafeFiles.sha256(dir.resolve("work/tools.db"));
    for (String who : List.of("release-manager", "app-engineer", "qa")) {
      wf.approve(new Decision("go-no-go", who, null));
    }
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("stabilization-window"), Duration.ofMinutes(2));
    Files.writeString(dir.resolve("work/steer.properties"), "Postgres=down\n");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(
        r.failure().contains("trigger 'startup-failure'")
            || r.failure().contains("trigger 'error-rate'"),
        r.failure());
    assertArrayEquals(
        config,
        Files.readAllBytes(dir.resolve("work/appsettings.json")),
        "the config is back byte for byte");
    assertEquals(
        sqlite,
        SafeFiles.sha256(dir.resolve("work/tools.db")),
        "the SQLite source of truth is unchanged");
    assertTrue(get("/health").contains("\"provider\":\"Sqlite\""), get("/health"));
    assertTrue(get("/api/counts").contains("\"ToolContents\":60"), get("/api/counts"));
    assertTrue(
        r.rollback().compensations().stream()
            .anyMatch(c -> c.action().contains("for root-cause analysis (onRollback: keep)")),
        "PostgreSQL is kept for root-cause analysis by default");
    allRollbackStepsPassed(r);
  }

  /**
   * Seed 001, trigger 2: a migration exits non-zero. The run stops before the switch; the app keeps
   * serving SQLite, its config as shipped, the freeze lifted.
   */
  @Test
  void seed001ABrokenMigrationStopsBeforeTheSwitch(WorkflowClient client, WorkflowOptions options)
      throws Exception {
    Path plan = Examples.copy("sqlite-to-postgres", tmp);
    dir = plan.getParent();
    port = Ports.free();
    Files.write(
        dir.resolve("migrations/V3__broken.sql"),
        List.of(
            "-- a migration that fails on the target",
            "ALTER TABLE \"NoSuchTable\" ADD COLUMN x int;"));
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan,
            Map.of(
                "port",
                Integer.toString(port),
                "pgPort",
                Integer.toString(Ports.free()),
                "stagingPort",
                Integer.toString(Ports.free()),
                "window",
                "10m"));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(r.failure().startsWith("step 'migrate' failed: V3__broken.sql failed"), r.failure());
    assertEquals(StepStatus.SKIPPED, step(r, "switch-provider").status());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("fixtures/appsettings.json")),
        Files.readAllBytes(dir.resolve("work/appsettings.json")),
        "the config is the shipped one, byte for byte");
    Path backup = Path.of(step(r, "backup-sqlite").artifacts().get(0));
    for (String table : List.of("ToolCategories", "ToolContents", "ToolFeatures", "ToolSteps")) {
      assertEquals(
          Sqlite.count(backup, table),
          Sqlite.count(dir.resolve("work/tools.db"), table),
          table + " as in the backup");
    }
    assertTrue(get("/health").contains("\"provider\":\"Sqlite\""), get("/health"));
    assertTrue(get("/health").contains("\"maintenance\":false"), "the freeze is lifted");
    allRollbackStepsPassed(r);
  }

  /**
   * Seed 002, its TOML configuration testing (19.15.5): a production section without label creation
   * for its dropdowns (19.15.2) stops the run before the switch; nothing on the board, the config
   * and the orders untouched, the pipeline still on development.
   */
  @Test
  void seed002AnIncompleteProductionConfigStopsBeforeTheSwitch(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Path plan = Examples.copy("sync-env-switch", tmp);
    dir = plan.getParent();
    port = Ports.free();
    Path toml = dir.resolve("sync.toml");
    // The production section comes last in the file: its label setting is the last one.
    String original = Files.readString(toml);
    int at = original.lastIndexOf("create_labels_if_missing = true");
    String broken =
        original.substring(0, at)
            + "create_labels_if_missing = false"
            + original.substring(at + "create_labels_if_missing = true".length());
    Files.writeString(toml, broken);
    io.cutover.activities.support.Refs.environment(
        name -> name.equals("BOARD_API_TOKEN") ? "stand-in-token" : System.getenv(name));
    try {
      CutoverWorkflow wf =
          CutoverTesting.start(
              client,
              options,
              plan,
              Map.of(
                  "port",
                  Integer.toString(port),
                  "chatPort",
                  Integer.toString(Ports.free()),
                  "minRate",
                  "1"));
      CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

      assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
      assertEquals(StepStatus.FAILED, step(r, "config-check").status());
      assertTrue(
          step(r, "config-check").evidence().toString().contains("create_labels_if_missing"),
          () -> step(r, "config-check").evidence().toString());
      assertEquals(broken, Files.readString(toml), "sync.toml untouched");
      Path backup = Path.of(step(r, "backup-orders").artifacts().get(0));
      assertEquals(
          Sqlite.scalar(backup, "SELECT COUNT(*) FROM swp_ORDER_LIST_SYNC WHERE sync_state='NEW'"),
          Sqlite.scalar(
              dir.resolve("work/orders.db"),
              "SELECT COUNT(*) FROM swp_ORDER_LIST_SYNC WHERE sync_state='NEW'"),
          "every order still NEW");
      String board = getAuth("/boards/9200517329");
      assertTrue(board.contains("\"items_count\":0"), board);
      assertEquals(
          StepStatus.SUCCEEDED,
          r.rollback().steps().stream()
              .filter(s -> s.id().equals("development-still-works"))
              .findFirst()
              .orElseThrow()
              .status(),
          "the pipeline is on development and the development board answers");
    } finally {
      io.cutover.activities.support.Refs.environment(null);
    }
  }

  /**
   * Seed 004, hour 1: "no errors in logs" fails (V2 logs an ERROR every run though its batches
   * pass), so the hour-1 checkpoint rolls back to V1 at once.
   */
  @Test
  void seed004ErrorsInTheLogsAtHourOneRollBackToV1(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    Path plan = Examples.copy("pipeline-v1-to-v2", tmp);
    dir = plan.getParent();
    port = Ports.free();
    CutoverWorkflow wf =
        CutoverTesting.start(
            client,
            options,
            plan,
            Map.of(
                "port",
                Integer.toString(port),
                "chat_port",
                Integer.toString(Ports.free()),
                "window",
                "2h"));
    Skipping.until(
        env,
        wf,
        CutoverTesting.gateOpen("pre-cutover-approval"),
        Duration.ofSeconds(5),
        Duration.ofMinutes(10));
    for (String who : List.of("eng-lead", "ops-lead", "dq-lead")) {
      wf.approve(
          DrillKeys.approval(wf, dir, "pre-cutover-approval", who, "go", env.currentTimeMillis()));
    }
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("monitor-24h"), Duration.ofSeconds(120));
    Files.writeString(dir.resolve("work/steer.properties"), "v2=logerrors\n");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(r.failure().contains("checkpoint hour-1"), r.failure());
    assertEquals(
        Files.readString(dir.resolve("config/pipeline.v1.json")),
        Files.readString(dir.resolve("work/pipeline.json")),
        "the V1 config is back byte for byte");
    assertTrue(get("/health").contains("\"version\":\"v1\""), "V1 runs again");
    assertEquals(200, status("/health/audit"), "and writes its audit trail");
    allRollbackStepsPassed(r);
  }

  private static void allRollbackStepsPassed(CutoverReport r) {
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
  }

  private String get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))).body();
  }

  private String getAuth(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "stand-in-token"))
        .body();
  }

  private int status(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))).statusCode();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
