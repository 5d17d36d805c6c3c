package io.cutover.examples;

import static io.cutover.testing.CutoverTesting.step;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.SafeFiles;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.Evidence;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's two rollback triggers no other test fires on its example: instances failing readiness
 * during the rollout (here the one instance, the canary) and a parity failure on slugs and ordering
 * at the blocking gate. Each rolls back with the old system whole: the app on SQLite answering with
 * its row counts, its config byte for byte, the SQLite source of truth unchanged by checksum.
 */
class Seed001TriggersTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  Path plan;
  Path dir;
  int port;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("sqlite-to-postgres", tmp);
    dir = plan.getParent();
    port = Ports.free();
    vars =
        Map.of(
            "port", Integer.toString(port),
            "pgPort", Integer.toString(Ports.free()),
            "stagingPort", Integer.toString(Ports.free()),
            "window", "10m");
  }

  @AfterEach
  void stopServices() {
    // TERM first: PostgreSQL shuts down cleanly on it.
    Processes.stopFromPidFiles(tmp);
  }

  /** Trigger 1, "> 20% of instances fail readiness during rollout": the canary never gets ready. */
  @Test
  void theCanaryFailingReadinessAfterTheSwitchRollsBackToSqlite(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofMinutes(3));
    byte[] config = Files.readAllBytes(dir.resolve("work/appsettings.json"));
    String sqlite = SafeFiles.sha256(dir.resolve("work/tools.db"));
    // Production still runs on SQLite; on PostgreSQL this instance will not answer its readiness.
    Files.writeString(dir.resolve("work/steer.properties"), "Postgres=down\n");
    for (String who : List.of("release-manager", "app-engineer", "qa")) {
      wf.approve(new Decision("go-no-go", who, null));
    }
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(r.failure().startsWith("step 'restart-app' failed"), r.failure());
    assertEquals(StepStatus.SKIPPED, step(r, "smoke").status());
    assertArrayEquals(
        config,
        Files.readAllBytes(dir.resolve("work/appsettings.json")),
        "the config is back byte for byte");
    assertOldSystemWhole(r, sqlite);
  }

  /**
   * Trigger 4, "parity failure: slug, ordering, FK mismatch": a migration carries a trigger that
   * rewrites two slugs as rows arrive, so the counts agree and the slugs and the ordered page do
   * not. The blocking gate stops the run before the switch.
   */
  @Test
  void aSlugAndOrderingMismatchAtTheParityGateStopsBeforeTheSwitch(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Files.write(
        dir.resolve("migrations/V3__slug_rewrite.sql"),
        List.of(
            "-- a faulty migration: rewrites the slugs of tools 2 and 25 as they are imported",
            "CREATE FUNCTION rewrite_slug() RETURNS trigger LANGUAGE plpgsql AS $$",
            "BEGIN",
            "  IF NEW.\"Id\" IN (2, 25) THEN NEW.\"Slug\" := NEW.\"Slug\" || '-v2'; END IF;",
            "  RETURN NEW;",
            "END $$;",
            "CREATE TRIGGER rewrite_slug BEFORE INSERT ON \"ToolContents\"",
            "  FOR EACH ROW EXECUTE FUNCTION rewrite_slug();"));
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    assertTrue(r.failure().startsWith("step 'parity-gate' failed"), r.failure());
    List<Evidence> evidence = step(r, "parity-gate").evidence();
    for (String check :
        List.of("content checksums", "slug lookups (trim, case-insensitive)", "tool list page 2")) {
      assertTrue(
          evidence.stream().anyMatch(e -> e.name().contains(check) && Boolean.FALSE.equals(e.ok())),
          () -> check + " failed: " + evidence);
    }
    List<Evidence> counts = evidence.stream().filter(e -> e.name().contains("row counts")).toList();
    assertTrue(
        !counts.isEmpty() && counts.stream().noneMatch(e -> Boolean.FALSE.equals(e.ok())),
        () -> "the counts agree: " + counts);
    assertEquals(StepStatus.SKIPPED, step(r, "switch-provider").status());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("fixtures/appsettings.json")),
        Files.readAllBytes(dir.resolve("work/appsettings.json")),
        "the config is the shipped one, byte for byte");
    Path backup = Path.of(step(r, "backup-sqlite").artifacts().get(0));
    assertOldSystemWhole(r, SafeFiles.sha256(backup));
  }

  private void assertOldSystemWhole(CutoverReport r, String sqliteSha256) throws Exception {
    assertEquals(
        sqliteSha256,
        SafeFiles.sha256(dir.resolve("work/tools.db")),
        "the SQLite source of truth is unchanged");
    assertTrue(get("/health").contains("\"provider\":\"Sqlite\""), get("/health"));
    assertTrue(get("/health").contains("\"maintenance\":false"), "the freeze is lifted");
    assertTrue(get("/api/counts").contains("\"ToolContents\":60"), get("/api/counts"));
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
  }

  private String get(String path) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return resp.body();
  }
}
