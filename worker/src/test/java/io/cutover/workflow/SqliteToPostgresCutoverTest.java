package io.cutover.workflow;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.pg.CopyActivitiesImpl;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.RunStatus;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Histories;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.worker.WorkerSetup;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001 end to end: the example plan with its own real PostgreSQL, the stand-in app on loopback,
 * and a copy whose first attempt dies after 150 committed rows.
 */
class SqliteToPostgresCutoverTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      CutoverTesting.withSearchAttributes(TestWorkflowExtension.newBuilder())
          .setWorkflowClientOptions(WorkerSetup.clientOptions())
          .setWorkerFactoryOptions(WorkerSetup.factoryOptions())
          .setWorkerOptions(CutoverTesting.testServerWorkerOptions())
          .registerWorkflowImplementationTypes(WorkerSetup.workflowTypes())
          .setActivityImplementations(
              Arrays.stream(WorkerSetup.activities())
                  .map(
                      a ->
                          a instanceof CopyActivitiesImpl
                              ? CopyActivitiesImpl.failingFirstAttemptAfter(150)
                              : a)
                  .toArray())
          .build();

  @TempDir Path tmp;
  Path plan;
  int port;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("sqlite-to-postgres", tmp);
    port = Ports.free();
    // A 10-minute stabilization window: the triggers' 5-minute spans still fit, and the
    // minute-15 checkpoint scales to minute 2.5.
    vars =
        Map.of(
            "port",
            Integer.toString(port),
            "pgPort",
            Integer.toString(Ports.free()),
            "stagingPort",
            Integer.toString(Ports.free()),
            "window",
            "10m");
  }

  @AfterEach
  void stopServices() throws Exception {
    // TERM first: the PostgreSQL service shuts its server down cleanly on TERM.
    for (String pid :
        new String[] {"work/tools-app.pid", "work/staging-slot.pid", "work/postgres.pid"}) {
      Path f = plan.resolveSibling(pid);
      if (Files.exists(f)) {
        ProcessHandle.of(Long.parseLong(Files.readString(f).trim()))
            .ifPresent(
                h -> {
                  h.destroy();
                  try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                  } catch (Exception ignored) {
                    // killed below
                  }
                });
      }
    }
    Processes.killFromPidFiles(tmp);
  }

  @Test
  void forwardPathSwitchesTheAppToPostgresWithExactParityAndNoSecretInHistory(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverReport atGate =
        CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofMinutes(3));
    assertTrue(
        atGate.openGate().evidence().stream()
            .anyMatch(
                e ->
                    e.name().startsWith("content checksums: ToolContents")
                        && Boolean.TRUE.equals(e.ok())),
        "the gate shows the parity evidence: " + atGate.openGate().evidence());
    assertTrue(
        get("/health").contains("\"maintenance\":true"),
        "writes are frozen while the gate is open");
    goNoGo(wf, "parity green");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r);
    Histories.recordIfAsked(client, wf, "sqlite-to-postgres-happy-path");
    StepReport copy = step(r, "import");
    assertTrue(
        copy.evidence().stream()
            .anyMatch(e -> e.name().equals("resumed from committed checkpoints")),
        "the copy's first attempt died after 150 rows and the retry resumed: " + copy.evidence());
    assertTrue(get("/health").contains("\"provider\":\"Postgres\""), get("/health"));
    assertTrue(get("/health").contains("\"maintenance\":false"));
    assertTrue(get("/api/tools/slug/%20JSON-FORMATTER").contains("\"id\":2"));
    assertEquals("60", pg("SELECT count(*) FROM \"ToolContents\""));
    assertEquals("240", pg("SELECT count(DISTINCT \"Id\") FROM \"ToolSteps\""));
    assertTrue(
        Files.readString(plan.resolveSibling("work/appsettings.json"))
            .contains("\"DatabaseProvider\": \"Postgres\""));

    String password = Files.readString(plan.resolveSibling("work/pg/tools_app.password")).trim();
    // Protobuf text form: payload bytes appear as (escaped) text, unlike toJson's base64.
    String history = Histories.allText(client, r.workflowId());
    assertTrue(
        history.contains("CutoverMonitor"),
        "the stabilization window's own histories are scanned too");
    assertTrue(history.contains("tools_app.password"), "the history holds the reference");
    assertFalse(history.contains(password), "the history never holds the password itself");
    String superPassword =
        Files.readString(plan.resolveSibling("work/pg/postgres.password")).trim();
    assertFalse(history.contains(superPassword));
    for (Path f :
        Files.walk(plan.resolveSibling("records")).filter(Files::isRegularFile).toList()) {
      assertFalse(Files.readString(f).contains(password), "no password in " + f);
    }
  }

  @Test
  void aFailedPostCutoverVerificationSwitchesBackToSqliteAndUndoesThePostgresSide(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Path config = plan.resolveSibling("work/appsettings.json");
    Map<String, String> wrongCount = new HashMap<>(vars);
    wrongCount.put("expectTools", "61");
    // The plan keeps the PostgreSQL side by default (the seed's rollback step 5); a drill undoes
    // it.
    wrongCount.put("pgOnRollback", "undo");
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, wrongCount);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofMinutes(3));
    byte[] configBefore = Files.readAllBytes(config);
    goNoGo(wf, null);
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    StepReport window = step(r, "stabilization-window");
    assertEquals(
        StepStatus.FAILED,
        window.status(),
        "the minute-15 checkpoint's verification failed the window");
    assertTrue(window.error().contains("minute-15"), window.error());
    assertEquals(StepStatus.COMPENSATED, step(r, "switch-provider").status());
    assertTrue(
        Arrays.equals(configBefore, Files.readAllBytes(config)),
        "the config file is back byte for byte");
    assertTrue(
        get("/health").contains("\"provider\":\"Sqlite\""),
        "the app was restarted on SQLite: " + get("/health"));
    assertTrue(
        get("/health").contains("\"maintenance\":false"),
        "the freeze is lifted at the end of the rollback");
    assertNull(
        pg("SELECT to_regclass('\"ToolContents\"')"),
        "the migrations this run applied were undone");
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
  }

  @Test
  void fiveHundredsOnPostgresDuringTheWindowRollBackToSqliteKeepingPostgresForAnalysis(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    // The plan's default: keep the PostgreSQL side for root-cause analysis.
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofMinutes(3));
    goNoGo(wf, null);
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("stabilization-window"), Duration.ofMinutes(3));
    Files.writeString(plan.resolveSibling("work/steer.properties"), "Postgres=5xx\n");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r);
    StepReport window = step(r, "stabilization-window");
    assertTrue(
        window.error().contains("error-rate") || window.error().contains("error-vs-baseline"),
        window.error());
    Histories.recordIfAsked(client, wf, "sqlite-to-postgres-window-rollback");
    assertTrue(
        get("/health").contains("\"provider\":\"Sqlite\""), "back on SQLite: " + get("/health"));
    assertTrue(
        get("/health").contains("\"maintenance\":false"),
        "the freeze is lifted once the rollback is done");
    assertTrue(
        get("/api/counts").contains("\"ToolContents\":60"),
        "row counts on the SQLite source: " + get("/api/counts"));
    assertEquals(
        "60",
        pg("SELECT count(*) FROM \"ToolContents\""),
        "with onRollback: keep the PostgreSQL side stays for root-cause analysis");
    assertTrue(
        r.rollback().compensations().stream()
            .anyMatch(c -> c.action().contains("for root-cause analysis (onRollback: keep)")),
        () -> r.rollback().compensations().toString());
  }

  private String pg(String sql) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "tools_app");
    p.setProperty(
        "password", Files.readString(plan.resolveSibling("work/pg/tools_app.password")).trim());
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + vars.get("pgPort") + "/tools", p);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return resp.body();
  }

  /** Seed 001's go/no-go: the release manager, engineering and QA each approve. */
  private static void goNoGo(CutoverWorkflow wf, String comment) {
    for (String who : List.of("release-manager", "app-engineer", "qa")) {
      wf.approve(new Decision("go-no-go", who, comment));
    }
  }
}
