package io.cutover.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed 003 end to end: the real example plan, its real stand-in backend and chat on loopback, a
 * real PostgreSQL with pgvector behind a real PgBouncer (TLS on both), the full 30-minute log watch
 * and 3.5-hour post-cutover monitoring on the time-skipping server.
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
    vars =
        Map.of(
            "port", Integer.toString(port),
            "chat_port", Integer.toString(Ports.free()),
            "pgPort", Integer.toString(Ports.free()),
            "poolerPort", Integer.toString(Ports.free()),
            "tools", Examples.root().resolve(".tools").toString());
  }

  @AfterEach
  void stopServices() {
    Processes.stopFromPidFiles(dir);
  }

  /** The Supabase stand-in, as its owner (who bypasses row-level security), over verified TLS. */
  private Connection supabaseOwner() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "syntra_owner");
    p.setProperty(
        "password", Files.readString(dir.resolve("work/pg/syntra_owner.password")).trim());
    p.setProperty("sslmode", "verify-full");
    p.setProperty("sslrootcert", dir.resolve("work/pg/server.crt").toString());
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + vars.get("pgPort") + "/syntra", p);
  }

  private long supabase(String sql) throws Exception {
    try (Connection c = supabaseOwner();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The SHA-256 of the old database as the pre-cutover backup copied it (primary copy). */
  private String backedUpOldDatabase() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("backups/primary"))) {
      Path copy =
          files
              .filter(f -> f.getFileName().toString().startsWith("old"))
              .filter(f -> f.getFileName().toString().endsWith(".db"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no backup copy of the old database"));
      return SafeFiles.sha256(copy);
    }
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
    for (String secret :
        List.of(
            "secrets/test-token", "work/pg/syntra_owner.password", "work/pg/syntra_app.password")) {
      assertFalse(
          history.contains(Files.readString(dir.resolve(secret)).trim()),
          () -> "the content of " + secret + " never enters any history");
    }
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    assertEquals(
        24,
        supabase(
            "SELECT COUNT(*) FROM memory_fragments WHERE embedding IS NOT NULL"
                + " AND vector_dims(embedding) = 8"),
        "every vector is in a pgvector column");
    JsonNode health = get("/health");
    assertEquals("healthy", health.get("status").asText(), "maintenance is off");
    assertEquals("new", health.get("database").asText());
    assertEquals(
        Integer.parseInt(vars.get("poolerPort")),
        health.get("port").asInt(),
        "the backend talks to the transaction pooler, not the server's own port");
    JsonNode search = get("/api/search?org=org_demo&q=onboarding");
    assertEquals("pgvector", search.get("backend").asText());
    assertTrue(search.get("results").size() > 0);
    JsonNode threads = getAs("/api/threads", "org_test");
    assertEquals(0, threads.get("foreign").asInt(), "RLS keeps org_test to its own threads");
    assertEquals(3, threads.get("threads").size());
    assertEquals(181, r.monitors().get(0).samples(), "30 minutes of 10-second samples");
    assertEquals(97, r.monitors().get(1).samples(), "24 hours of 15-minute checks");
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
    "search-broken, search-broken",
    "threads-broken, critical-feature"
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
    assertOldSystemBack(r);
  }

  @Test
  void rlsSwitchedOffInTheDatabaseIsCaughtByTheConsistencySqlAndRollsBack(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("log-watch"), Duration.ofSeconds(120));
    // RLS data leakage at the database: someone switched the policies off on one table. The log
    // shows nothing; the checkpoint's SQL, run as the backend's role, sees other orgs' rows.
    supabaseAlter("ALTER TABLE memory_fragments DISABLE ROW LEVEL SECURITY");
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(r.failure().contains("rls-in-database"), r.failure());
    assertTrue(r.failure().contains("org_test sees other orgs"), r.failure());
    assertOldSystemBack(r);
  }

  private void supabaseAlter(String sql) throws Exception {
    try (Connection c = supabaseOwner();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** The seed's rollback: the old system back and answering, its data intact, the new data kept. */
  private void assertOldSystemBack(CutoverReport r) throws Exception {
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
        backedUpOldDatabase(),
        SafeFiles.sha256(dir.resolve("work/old.db")),
        "the old database is byte for byte what the pre-cutover backup copied");
    assertEquals(
        24,
        supabase("SELECT COUNT(*) FROM memory_fragments WHERE embedding IS NOT NULL"),
        "the new data stays for the investigation");
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
    assertTrue(Files.readString(dir.resolve("work/ops-chat.jsonl")).contains("rollback-started"));
  }

  private JsonNode get(String path) throws Exception {
    return getAs(path, null);
  }

  private JsonNode getAs(String path, String org) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (org != null) {
      req.header("x-org-id", org);
    }
    HttpResponse<String> resp =
        HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(resp.body());
  }
}
