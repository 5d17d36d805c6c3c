package io.cutover.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
import io.cutover.api.ApprovalRecord;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.MonitorView;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Skipping;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed 004 end to end: the real example plan, its V1/V2 pipeline stand-in and chat on loopback, the
 * monitoring window on the time-skipping server (2 hours standing in for 24, checkpoints scaled
 * with it), the sign-offs given by their three roles.
 */
class PipelineCutoverTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  static final List<String> PRE = List.of("eng-lead", "ops-lead", "dq-lead");
  static final List<String> POST = List.of("eng-lead", "ops-lead", "vp-eng");

  @TempDir Path tmp;
  Path plan;
  Path dir;
  int port;
  Map<String, String> vars;

  @BeforeEach
  void copyExample() {
    plan = Examples.copy("pipeline-v1-to-v2", tmp);
    dir = plan.getParent();
    port = Ports.free();
    vars =
        Map.of(
            "port",
            Integer.toString(port),
            "chat_port",
            Integer.toString(Ports.free()),
            "window",
            "2h");
  }

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(dir);
  }

  private CutoverWorkflow startAndSignOff(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env) {
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, vars);
    Skipping.until(
        env,
        wf,
        CutoverTesting.gateOpen("pre-cutover-approval"),
        Duration.ofSeconds(5),
        Duration.ofMinutes(10));
    // The sign-offs are signed with the example's drill keys, on the evidence the gate shows.
    PRE.forEach(
        who ->
            wf.approve(
                io.cutover.testing.DrillKeys.approval(
                    wf, dir, "pre-cutover-approval", who, "go", env.currentTimeMillis())));
    return wf;
  }

  @Test
  void happyPathRunsTheWindowWithItsCheckpointsAndBothSignOffs(
      WorkflowClient client, WorkflowOptions options, TestWorkflowEnvironment env)
      throws Exception {
    CutoverWorkflow wf = startAndSignOff(client, options, env);
    CutoverReport atEnd =
        Skipping.until(
            env,
            wf,
            CutoverTesting.gateOpen("post-24h-approval"),
            Duration.ofMinutes(5),
            Duration.ofHours(3));
    POST.forEach(
        who ->
            wf.approve(
                io.cutover.testing.DrillKeys.approval(
                    wf, dir, "post-24h-approval", who, "V2 stable", env.currentTimeMillis())));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> "report: " + r.failure());
    io.cutover.testing.Histories.recordIfAsked(client, wf, "pipeline-happy-path");
    assertTrue(r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED));
    assertEquals("v2", get("/health").get("version").asText());
    JsonNode report =
        Json.MAPPER.readTree(
            Files.readString(dir.resolve("work/production_validation_report.json")));
    assertEquals("PASS", report.get("status").asText());
    report.get("checks").forEach(c -> assertEquals("PASS", c.asText()));
    MonitorView v = r.monitors().get(0);
    assertEquals(721, v.samples(), "2 hours of 10-second samples");
    assertEquals(14, v.checkpoints().size(), v.checkpoints().toString());
    assertTrue(
        v.checkpoints()
            .get(0)
            .startsWith("checkpoint hour-1 (1h, at 5m00s in this shortened window): passed"),
        v.checkpoints().get(0));
    assertTrue(
        atEnd.openGate().evidence().stream()
            .anyMatch(
                e -> e.name().equals("hour-8 · hour-8-validation") && Boolean.TRUE.equals(e.ok())));
    List<String> signOffs =
        r.approvals().stream()
            .map(a -> a.gate() + " " + a.by() + " (" + a.role() + ") " + a.decision())
            .toList();
    assertEquals(
        List.of(
            "pre-cutover-approval eng-lead (Engineering Lead) APPROVE",
                "pre-cutover-approval ops-lead (Operations Lead) APPROVE",
            "pre-cutover-approval dq-lead (Data Quality) APPROVE",
                "post-24h-approval eng-lead (Engineering Lead) APPROVE",
            "post-24h-approval ops-lead (Operations Lead) APPROVE",
                "post-24h-approval vp-eng (VP Engineering) APPROVE"),
        signOffs);
    assertTrue(r.approvals().stream().map(ApprovalRecord::at).allMatch(at -> at != null));
    assertTrue(Files.exists(dir.resolve("backups/pre-cutover/metrics-snapshot.txt")));
  }

  @ParameterizedTest(name = "V2 {0}: {1}")
  @CsvSource({
    "errors, error-rate, ",
    "dataloss, data-loss, ",
    "audit, audit-trail, ",
    "slow, latency, nobody decides within 15m",
    "leak, memory, eng-lead rejects"
  })
  void eachRollbackTriggerBringsV1Back(
      String mode,
      String trigger,
      String decision,
      WorkflowClient client,
      WorkflowOptions options,
      TestWorkflowEnvironment env)
      throws Exception {
    CutoverWorkflow wf = startAndSignOff(client, options, env);
    CutoverTesting.awaitStatus(
        wf, CutoverTesting.stepRunning("monitor-24h"), Duration.ofSeconds(120));
    Files.writeString(dir.resolve("work/steer.properties"), "v2=" + mode + "\n");
    if ("eng-lead rejects".equals(decision)) {
      String gate = "monitor-24h." + trigger;
      Skipping.until(
          env, wf, CutoverTesting.gateOpen(gate), Duration.ofSeconds(10), Duration.ofMinutes(30));
      wf.reject(new Decision(gate, "eng-lead", "leak confirmed in the V2 batch loader"));
    }
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), () -> "report: " + r.failure());
    if (mode.equals("leak")) {
      io.cutover.testing.Histories.recordIfAsked(client, wf, "pipeline-decision-rollback");
    }
    assertTrue(
        r.failure().startsWith("step 'monitor-24h' failed: trigger '" + trigger + "'"),
        r.failure());
    if (decision != null) {
      assertTrue(r.failure().contains("decision: roll back"), r.failure());
    }
    assertEquals(
        StepStatus.COMPENSATED,
        r.steps().stream()
            .filter(s -> s.id().equals("activate-v2-config"))
            .findFirst()
            .orElseThrow()
            .status());
    assertEquals(
        Files.readString(dir.resolve("config/pipeline.v1.json")),
        Files.readString(dir.resolve("work/pipeline.json")),
        "the V1 config is back");
    assertEquals("v1", get("/health").get("version").asText(), "V1 runs again");
    assertEquals(200, status("/health/audit"), "and writes its audit trail");
    assertTrue(
        r.rollback().steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED),
        () -> r.rollback().toString());
  }

  private JsonNode get(String path) throws Exception {
    return Json.MAPPER.readTree(send(path).body());
  }

  private int status(String path) throws Exception {
    return send(path).statusCode();
  }

  private HttpResponse<String> send(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
