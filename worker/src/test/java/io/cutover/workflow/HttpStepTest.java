package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutover.activities.ApiCallRequest;
import io.cutover.activities.ApiUndoRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.http.ApiActivitiesImpl;
import io.cutover.activities.plan.PlanLoader;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.api.StepOutcome;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.plan.HttpCall;
import io.cutover.plan.HttpStep;
import io.cutover.testing.CutoverTesting;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code http} step against a real server on loopback: a Retry-After given as a date is waited
 * out, POSTs carry an idempotency key, and when a later request fails the rollback deletes what the
 * earlier one created, by the id it captured.
 */
class HttpStepTest {
  @RegisterExtension static final TestWorkflowExtension temporal = CutoverTesting.extension();

  @TempDir Path tmp;
  HttpServer server;
  final List<String> seen = new CopyOnWriteArrayList<>();
  volatile boolean limitedOnce;
  final AtomicBoolean deleted = new AtomicBoolean();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    seen.add(call + (key == null ? "" : " key=" + key));
    int status;
    String body;
    if (call.equals("GET /status") && !limitedOnce) {
      limitedOnce = true;
      ex.getResponseHeaders()
          .set(
              "Retry-After",
              DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(1)));
      status = 429;
      body = "{\"error\": \"slow down\"}";
    } else if (call.equals("GET /status")) {
      status = 200;
      body = "{\"status\": \"ok\", \"queue\": {\"depth\": 3}}";
    } else if (call.equals("POST /things")) {
      status = 201;
      body = "{\"id\": \"thing-42\"}";
    } else if (call.equals("DELETE /things/thing-42")) {
      status = deleted.getAndSet(true) ? 404 : 204;
      body = "";
    } else {
      status = 400;
      body = "{\"error\": \"bad request for " + call + "\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  private Path plan() throws IOException {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: http step drill",
            "anchor: http-drill-1",
            "target: http-drill",
            "steps:",
            "  - id: calls",
            "    type: http",
            "    requests:",
            "      - name: status",
            "        url: " + base + "/status",
            "        json: [{path: $.status, equals: ok}, {path: $.queue.depth, max: 10}]",
            "      - name: create thing",
            "        url: " + base + "/things",
            "        body: {name: drill, tags: [a, b]}",
            "        capture: {thing: $.id}",
            "        undo: {method: DELETE, url: '" + base + "/things/${capture.thing}'}",
            "      - name: configure thing",
            "        url: " + base + "/things/${capture.thing}/config",
            "        body: {thing: '${capture.thing}'}",
            ""));
    return plan;
  }

  @Test
  void aDryRunSendsOnlyGets(WorkflowClient client, WorkflowOptions options) throws Exception {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan().toString(), Map.of(), true));
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
    assertTrue(
        seen.stream().allMatch(s -> s.startsWith("GET /status")),
        () -> "nothing but the GET reached the API: " + seen);
    assertTrue(
        r.steps().get(0).evidence().stream()
            .anyMatch(e -> e.toString().startsWith("create thing: would send POST")),
        () -> r.steps().get(0).evidence().toString());
  }

  @Test
  void aFailedRequestRollsBackWhatTheEarlierOneCreated(
      WorkflowClient client, WorkflowOptions options) throws Exception {
    Path plan = plan();
    CutoverWorkflow wf = CutoverTesting.start(client, options, plan, Map.of());
    CutoverReport r = WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);

    assertEquals(RunStatus.ROLLED_BACK, r.status(), r::toString);
    StepReport calls = r.steps().get(0);
    assertTrue(
        calls
            .error()
            .startsWith("configure thing: configure thing status: expected [200, 201], actual 400"),
        calls::error);
    assertTrue(
        calls.evidence().stream()
            .anyMatch(
                e ->
                    e.name().equals("status status")
                        && e.ok()
                        && e.actual().startsWith("200 after 1× 429, waited")
                        && e.actual().endsWith("s (Retry-After)")),
        () -> calls.evidence().toString());
    String runKey = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    assertTrue(
        seen.stream()
            .anyMatch(s -> s.startsWith("POST /things key=" + runKey) && s.endsWith("/calls/1")),
        () -> "POSTs carry an idempotency key of run, step and request: " + seen);
    assertTrue(
        seen.stream().anyMatch(s -> s.startsWith("POST /things/thing-42/config")),
        () -> "the URL template used the capture: " + seen);
    assertTrue(
        seen.stream().anyMatch(s -> s.startsWith("DELETE /things/thing-42")),
        () -> "the undo used the captured id: " + seen);
    assertEquals(
        StepStatus.COMPENSATED,
        r.rollback().compensations().get(0).status(),
        r.rollback()::toString);
  }

  @Test
  void aRetriedCallSendsTheSameIdempotencyKeysAndARetriedUndoFindsTheThingGone() throws Exception {
    HttpStep step = (HttpStep) PlanLoader.loadFile(plan(), Map.of(), false).plan().steps().get(0);
    List<HttpCall> firstTwo = step.requests().subList(0, 2);
    ApiActivitiesImpl api = new ApiActivitiesImpl();
    StepContext ctx = new StepContext("wf/run-1", "calls", tmp.toString(), false);

    var first = api.call(new ApiCallRequest(ctx, firstTwo, 5_000));
    var second = api.call(new ApiCallRequest(ctx, firstTwo, 5_000));

    assertEquals(first.captures(), second.captures());
    List<String> posts = seen.stream().filter(c -> c.startsWith("POST /things key=")).toList();
    assertEquals(2, posts.size(), seen::toString);
    assertEquals(
        posts.get(0),
        posts.get(1),
        "the retry carries the same Idempotency-Key, so an API that honours it creates one thing");

    var undo = new ApiUndoRequest(ctx, firstTwo, first.captures(), 5_000);
    api.undo(undo);
    StepOutcome again = api.undo(undo);
    assertTrue(
        again.evidence().stream()
            .anyMatch(e -> e.actual().equals("404 (already gone)") && !e.failed()),
        again.evidence()::toString);
  }
}
