package io.cutover.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepStatus;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.RealTemporal;
import io.cutover.worker.WorkerSetup;
import io.cutover.worker.codec.AesGcmCodec;
import io.cutover.worker.codec.CodecKeys;
import io.cutover.worker.codec.CodecServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cutover driven from the Temporal Web UI in a real browser (Debian's Chromium) against the real
 * dev server of the pinned temporal CLI, as an operator would: start {@code CutoverWorkflow} from
 * the Start Workflow form, read the open gate and its approvers in the run's current details,
 * approve it with Send a Signal and see the run complete with {@code SUCCEEDED}; cancel another run
 * and see it rolled back; with the AES-GCM codec, see the input and result in clear through {@code
 * cutover codec-server} while Temporal holds only ciphertext.
 *
 * <p>Screenshots of each stage are kept in {@code target/ui-screenshots/}, with a screenshot and
 * the page's DOM of any failure.
 */
class WebUiTest {
  static final Path SHOTS = Path.of("target", "ui-screenshots").toAbsolutePath();
  static final String GATE = "go-no-go";
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static RealTemporal temporal;
  static UiBrowser browser;

  @RegisterExtension static final FailureArtifacts FAILURES = new FailureArtifacts(() -> browser);

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    temporal = RealTemporal.start(dir, true);
    temporal.worker(null);
    browser = UiBrowser.start(SHOTS);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (temporal != null) {
        temporal.close();
      }
    }
  }

  @AfterEach
  void stopStandIns() {
    Processes.killFromPidFiles(tmp);
  }

  /** Seed 000's plan, its gate given two approvers (the example's gate lists none). */
  static Path planWithApprovers(Path into) throws IOException {
    Path plan = Examples.copy("oapp-canonical-rebuild", into);
    JsonNode tree = YAML.readTree(plan.toFile());
    ObjectNode gate = null;
    for (JsonNode step : tree.path("steps")) {
      if (GATE.equals(step.path("id").asText())) {
        gate = (ObjectNode) step;
      }
    }
    assertTrue(gate != null, "seed 000 has gate " + GATE);
    gate.set(
        "approvers",
        YAML.valueToTree(List.of("alice", Map.of("name", "bob", "role", "System Owner"))));
    YAML.writeValue(plan.toFile(), tree);
    return plan;
  }

  /**
   * A workflow id of this attempt's own: surefire reruns a failed test while the first attempt's
   * run may still wait.
   */
  static String runId(String prefix) {
    return prefix + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  }

  /**
   * The Start Workflow form's input: the plan file on the worker and a free port for its stand-in
   * API.
   */
  static String input(Path plan) {
    return "{\"planFile\": \""
        + plan
        + "\", \"vars\": {\"port\": \""
        + Ports.free()
        + "\", \"window\": \"20s\"}}";
  }

  @Test
  void startedFromTheFormApprovedBySignalItCompletesSucceeded() throws Exception {
    Path plan = planWithApprovers(tmp);
    String id = runId("ui-approve");
    TemporalWebUi ui = new TemporalWebUi(browser, temporal.uiUrl(), "default");

    ui.startWorkflow(id, "cutover", "CutoverWorkflow", input(plan), "approve-1-start-form");
    ui.openWorkflow(id);
    String details = ui.currentDetails("Waiting at gate " + GATE);
    assertTrue(details.contains("approvers: alice, bob (System Owner)"), details);
    assertTrue(details.contains("AWAITING_APPROVAL"), details);
    browser.screenshot("approve-2-gate-open");
    // The list's filter finds the run by Cutover's search attributes while it waits.
    ui.listFiltered(
        "CutoverStatus=\"AWAITING_APPROVAL\" AND CutoverGate=\"" + GATE + "\"",
        id,
        "approve-2b-list-awaiting-approval");
    ui.openWorkflow(id);

    ui.sendSignal(
        "approve",
        "{\"gate\": \""
            + GATE
            + "\", \"by\": \"alice\", \"comment\": \"approved in the Temporal UI\"}",
        "approve-3-signal");
    ui.awaitStatus("Completed");
    String shown = ui.inputAndResult("\"status\": \"SUCCEEDED\"");
    assertTrue(shown.contains("\"planFile\": \"" + plan + "\""), shown);
    assertTrue(shown.contains("\"plan\": \"oApp canonical hierarchy rebuild\""), shown);
    browser.screenshot("approve-4-completed");
    ui.listFiltered(
        "CutoverStatus=\"SUCCEEDED\" AND CutoverTarget=\"oapp-production\"",
        id,
        "approve-5-list-succeeded");

    CutoverReport report =
        temporal
            .client()
            .newUntypedWorkflowStub(id)
            .getResult(30, TimeUnit.SECONDS, CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, report.status());
    assertTrue(
        report.approvals().stream()
            .anyMatch(
                a ->
                    a.gate().equals(GATE)
                        && a.by().equals("alice")
                        && a.accepted()
                        && "approved in the Temporal UI".equals(a.comment())),
        () -> "the UI's signal decided the gate: " + report.approvals());
  }

  @Test
  void cancelledFromTheUiAtTheGateItRollsBack() throws Exception {
    Path plan = planWithApprovers(tmp);
    String id = runId("ui-cancel");
    TemporalWebUi ui = new TemporalWebUi(browser, temporal.uiUrl(), "default");

    ui.startWorkflow(id, "cutover", "CutoverWorkflow", input(plan), "cancel-1-start-form");
    ui.openWorkflow(id);
    ui.currentDetails("Waiting at gate " + GATE);
    browser.screenshot("cancel-2-gate-open");

    ui.requestCancellation("cancel-3-confirm");
    ui.awaitStatus("Canceled");
    String status = ui.query("status", "\"status\": \"ROLLED_BACK\"");
    assertTrue(status.contains("cancelled (Temporal UI or client)"), status);
    browser.screenshot("cancel-4-rolled-back");

    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(id);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED, stub.describe().getStatus());
    CutoverReport report = stub.query("status", CutoverReport.class);
    assertEquals(RunStatus.ROLLED_BACK, report.status());
    // Cancelled at the gate, before any step changed anything: nothing to undo, no manual action.
    assertTrue(
        report.rollback().ran()
            && report.rollback().nothingChanged()
            && report.rollback().manualActions().isEmpty(),
        () -> "rollback: " + report.rollback());
    assertTrue(
        report.rollback().steps().stream()
            .anyMatch(
                s -> s.id().equals("restart-on-restored") && s.status() == StepStatus.SKIPPED),
        () -> "no restart of an untouched system: " + report.rollback());
  }

  @Test
  void withTheCodecTheUiShowsInputAndResultDecodedWhileTemporalHoldsCiphertext() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AesGcmCodec codec =
        CodecKeys.fromEnvironment(
                Map.of("CUTOVER_CODEC_KEY", Base64.getEncoder().encodeToString(key)))
            .orElseThrow();
    String marker = "PLAINTEXT-MARKER";
    Path plan = tmp.resolve("secret-plan.yaml");
    Files.writeString(
        plan,
        "name: "
            + marker
            + " cutover\nanchor: ui-codec-1\ntarget: ui-codec\n"
            + "steps:\n  - {id: pause, type: wait, duration: 1s, description: "
            + marker
            + " step}\n");
    String id = runId("ui-codec");
    // The dev server needs the codec endpoint at start and the codec server the UI's origin: take
    // the port first.
    int codecPort = Ports.free();
    try (RealTemporal server =
            RealTemporal.start(tmp.resolve("temporal"), true, "http://127.0.0.1:" + codecPort);
        CodecServer codecServer =
            new CodecServer(
                codec,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), codecPort),
                List.of(server.uiUrl()),
                Set.of("default"))) {
      WorkflowClient encrypting =
          server.client(
              WorkerSetup.clientOptions(WorkflowClientOptions.getDefaultInstance(), codec));
      WorkerFactory worker = WorkerSetup.factory(encrypting, null);
      worker.start();
      try {
        TemporalWebUi ui = new TemporalWebUi(browser, server.uiUrl(), "default");
        // The UI encodes the typed input through the codec server's /encode before starting the
        // run.
        ui.startWorkflow(
            id,
            "cutover",
            "CutoverWorkflow",
            "{\"planFile\": \"" + plan + "\"}",
            "codec-1-start-form");
        ui.openWorkflow(id);
        ui.awaitStatus("Completed");
        String shown = ui.inputAndResult("\"plan\": \"" + marker + " cutover\"");
        assertTrue(
            shown.contains("\"planFile\": \"" + plan + "\""), () -> "the decoded input: " + shown);
        assertTrue(shown.contains("\"status\": \"SUCCEEDED\""), shown);
        browser.screenshot("codec-2-decoded");

        History history = server.client().fetchHistory(id).getHistory();
        Payload in =
            history
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getInput()
                .getPayloads(0);
        Payload out =
            history
                .getEventsList()
                .get(history.getEventsCount() - 1)
                .getWorkflowExecutionCompletedEventAttributes()
                .getResult()
                .getPayloads(0);
        for (Payload p : List.of(in, out)) {
          assertEquals(
              AesGcmCodec.ENCODING,
              p.getMetadataOrThrow("encoding").toStringUtf8(),
              "stored encrypted");
        }
        String stored = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(
            stored.contains(marker) || stored.contains(plan.toString()),
            "Temporal holds neither the plan text nor its path in clear");
      } finally {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }
}
