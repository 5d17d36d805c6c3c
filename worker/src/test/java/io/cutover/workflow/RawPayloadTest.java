package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs exactly as the Temporal UI and {@code temporal workflow start --input} send them: one
 * {@code json/plain} payload, no SDK on the sending side.
 */
class RawPayloadTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  @Test
  void planFileInputAndSignalsAsRawJson(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    String id = "cutover-raw-" + UUID.randomUUID();
    start(
        env,
        options,
        id,
        "{\"planFile\": \""
            + plan
            + "\", \"vars\": {\"port\": \""
            + Ports.free()
            + "\", \"window\": \"20s\"}}");
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, id);
    CutoverTesting.awaitStatus(wf, CutoverTesting.gateOpen("go-no-go"), Duration.ofSeconds(60));

    signal(
        env,
        id,
        "approve",
        "{\"gate\": \"go-no-go\", \"by\": \"alice\", \"comment\": \"from the UI\"}");
    CutoverReport r = client.newUntypedWorkflowStub(id).getResult(CutoverReport.class);
    assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r.toString());
    assertEquals("from the UI", r.approvals().get(0).comment());
  }

  @Test
  void abortSignalAsRawJson(
      TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    String id = "cutover-raw-" + UUID.randomUUID();
    start(
        env,
        options,
        id,
        "{\"planFile\": \""
            + plan
            + "\", \"vars\": {\"port\": \""
            + Ports.free()
            + "\", \"window\": \"20s\"}}");
    CutoverTesting.awaitStatus(
        client.newWorkflowStub(CutoverWorkflow.class, id),
        CutoverTesting.gateOpen("go-no-go"),
        Duration.ofSeconds(60));
    signal(env, id, "abort", "{\"by\": \"carol\", \"reason\": \"bridge call said stop\"}");
    CutoverReport r = client.newUntypedWorkflowStub(id).getResult(CutoverReport.class);
    assertEquals(RunStatus.ROLLED_BACK, r.status());
    assertEquals("aborted by carol: bridge call said stop", r.failure());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "not JSON at all     | `{\"planFile\": `                                   | not valid"
            + " JSON",
        "a JSON string       | `\"plan.yaml\"`                                       | must be a"
            + " JSON object",
        "an empty object     | `{}`                                                  | missing"
            + " required key 'name'",
        "unknown top key     | `{\"name\":\"n\",\"anchor\":\"a\",\"target\":\"t\",\"stepz\":[]}` |"
            + " unknown key 'stepz' — did you mean 'steps'?",
        "steps not a list    |"
            + " `{\"name\":\"n\",\"anchor\":\"a\",\"target\":\"t\",\"steps\":\"backup\"}` | steps:"
            + " expected a list",
        "missing step id     |"
            + " `{\"name\":\"n\",\"anchor\":\"a\",\"target\":\"t\",\"steps\":[{\"type\":\"wait\",\"duration\":\"1s\"}]}`"
            + " | missing required key 'id'",
        "unknown step type   |"
            + " `{\"name\":\"n\",\"anchor\":\"a\",\"target\":\"t\",\"steps\":[{\"id\":\"x\",\"type\":\"truncat\"}]}`"
            + " | did you mean 'truncate'?",
        "bad duration        |"
            + " `{\"name\":\"n\",\"anchor\":\"a\",\"target\":\"t\",\"steps\":[{\"id\":\"x\",\"type\":\"wait\",\"duration\":\"5"
            + " fortnights\"}]}` | invalid duration '5 fortnights'",
        "missing plan file   | `{\"planFile\": \"/nonexistent/plan.yaml\"}`          | does not"
            + " exist on this worker",
        "unknown envelope key| `{\"planFile\": \"/x.yaml\", \"dryrun\": true}`       | did you mean"
            + " 'dryRun'?",
      })
  void malformedInputFailsTheRunAtOnceWithAReadableError(
      String label,
      String json,
      String expected,
      TestWorkflowEnvironment env,
      WorkflowClient client,
      WorkflowOptions options) {
    String id = "cutover-bad-" + UUID.randomUUID();
    start(env, options, id, json);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newUntypedWorkflowStub(id)
                    .getResult(10, TimeUnit.SECONDS, CutoverReport.class));
    ApplicationFailure af = innermost(e);
    assertEquals("INVALID_PLAN", af.getType());
    assertTrue(
        af.getOriginalMessage().contains(expected), () -> label + ": " + af.getOriginalMessage());
    WorkflowExecutionStatus status =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus();
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, status, "never left Running");
  }

  private static ApplicationFailure innermost(Throwable e) {
    ApplicationFailure found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        found = af;
      }
    }
    if (found == null) {
      throw new AssertionError("no ApplicationFailure in " + e);
    }
    return found;
  }

  static Payloads json(String text) {
    return Payloads.newBuilder()
        .addPayloads(
            Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
        .build();
  }

  static void start(TestWorkflowEnvironment env, WorkflowOptions options, String id, String input) {
    env.getWorkflowServiceStubs()
        .blockingStub()
        .startWorkflowExecution(
            StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setWorkflowId(id)
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("CutoverWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(options.getTaskQueue()))
                .setInput(json(input))
                .build());
  }

  static void signal(TestWorkflowEnvironment env, String id, String name, String input) {
    env.getWorkflowServiceStubs()
        .blockingStub()
        .signalWorkflowExecution(
            SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                .setSignalName(name)
                .setRequestId(UUID.randomUUID().toString())
                .setInput(json(input))
                .build());
  }
}
