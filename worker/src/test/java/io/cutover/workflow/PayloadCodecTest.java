package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.testing.CutoverTesting;
import io.cutover.worker.WorkerSetup;
import io.cutover.worker.codec.AesGcmCodec;
import io.cutover.worker.codec.CodecKeys;
import io.cutover.worker.codec.CodecServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a key configured, Temporal stores only ciphertext; the codec server shows it in clear. */
class PayloadCodecTest {
  @TempDir Path tmp;

  @Test
  void plansAndReportsAreEncryptedAtRestAndTheCodecServerDecodesThem() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AesGcmCodec codec =
        CodecKeys.fromEnvironment(
                Map.of("CUTOVER_CODEC_KEY", Base64.getEncoder().encodeToString(key)))
            .orElseThrow();
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        "name: PLAINTEXT-MARKER cutover\n"
            + "anchor: codec-1\n"
            + "target: codec\n"
            + "steps:\n"
            + "  - {id: pause, type: wait, duration: 1s, description: PLAINTEXT-MARKER step}\n");

    WorkflowClientOptions options =
        WorkerSetup.clientOptions(WorkflowClientOptions.getDefaultInstance(), codec);
    try (TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setWorkflowClientOptions(options)
                    .setWorkerFactoryOptions(WorkerSetup.factoryOptions())
                    .build());
        CodecServer server = new CodecServer(codec, 0, "http://localhost:8080")) {
      CutoverTesting.registerSearchAttributes(env);
      Worker worker = env.newWorker(CutoverWorkflow.TASK_QUEUE, WorkerSetup.workerOptions());
      WorkerSetup.registerAll(worker);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      CutoverReport r =
          client
              .newWorkflowStub(
                  CutoverWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("codec-run")
                      .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
                      .build())
              .run(CutoverInput.ofPlanFile(plan.toString(), null, false));
      assertEquals(RunStatus.SUCCEEDED, r.status());
      assertEquals("PLAINTEXT-MARKER cutover", r.plan(), "a client with the key reads the report");

      History raw =
          env.getWorkflowServiceStubs()
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(env.getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId("codec-run"))
                      .build())
              .getHistory();
      String stored = new String(raw.toByteArray(), StandardCharsets.ISO_8859_1);
      assertFalse(stored.contains("PLAINTEXT-MARKER"), "Temporal holds no plan text in clear");
      assertTrue(stored.contains(AesGcmCodec.ENCODING));

      Payloads input = raw.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
      HttpResponse<String> decoded =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                      .header("Content-Type", "application/json")
                      .header("Origin", "http://localhost:8080")
                      .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().print(input)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, decoded.statusCode(), decoded::body);
      Payloads clear = Payloads.newBuilder().build();
      Payloads.Builder b = Payloads.newBuilder();
      JsonFormat.parser().merge(decoded.body(), b);
      clear = b.build();
      assertTrue(
          clear.getPayloads(0).getData().toStringUtf8().contains(plan.toString()),
          "the UI sees the input in clear");
      assertEquals(
          "http://localhost:8080",
          decoded.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }
  }
}
