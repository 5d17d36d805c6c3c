package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.testing.Ports;
import io.cutover.worker.ConnectionSettings;
import io.cutover.worker.Temporal;
import io.cutover.worker.WorkerSetup;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover watch} and {@code cutover list} against a Temporal server on a port (the
 * in-memory test server, in real time) with a worker: progress bar from heartbeats, gate prompt,
 * the list of runs and what the test server cannot list.
 */
class WatchAndListTest {
  @TempDir Path tmp;
  TestServer.PortBoundTestServer server;
  WorkerFactory worker;
  String address;

  @BeforeEach
  void serverAndWorker() {
    int port = Ports.free();
    server = TestServer.createPortBoundServer(port, true);
    address = "127.0.0.1:" + port;
    WorkflowClient client = Temporal.connect(Temporal.profile(ConnectionSettings.of(address, "default")));
    worker = WorkerSetup.factory(client, null);
    worker.start();
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    server.close();
  }

  record Result(int code, String out, String err) {}

  Result cutover(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--address";
    all[args.length + 1] = address;
    int code = CutoverCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new Result(code, out.toString(), err.toString());
  }

  String watchUntil(String id, Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      Result r = cutover("watch", id, "--once");
      last = r.out() + r.err();
      if (r.code() == 0 && condition.test(r.out())) {
        return r.out();
      }
      Thread.sleep(300);
    }
    throw new AssertionError("watch never showed what was expected; last frame:\n" + last);
  }

  @Test
  void watchShowsProgressAndTheGateAndListShowsTheRun() throws Exception {
    Path go = tmp.resolve("go");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, String.join("\n",
        "name: watch drill",
        "anchor: watch-drill-1",
        "target: watch-drill",
        "steps:",
        "  - id: long-job",
        "    type: command",
        "    description: a job that reports its progress",
        "    argv: [/bin/sh, -c, 'for i in 1 2 3; do echo \"progress $i/10 records batch $i\"; done; while [ ! -f \"$0\" ]; do sleep 0.2; done', " + go + "]",
        "  - id: go-no-go",
        "    type: gate",
        "    prompt: Keep the new job running",
        "    approvers: [{name: alice, role: owner}]",
        ""));
    Result started = cutover("start", plan.toString());
    assertEquals(0, started.code(), started::err);
    String id = started.out().trim();
    assertEquals("cutover-watch-drill", id);

    String frame = watchUntil(id, f -> f.contains("3/10 records"));
    assertTrue(frame.startsWith("cutover-watch-drill — RUNNING"), frame);
    assertTrue(frame.contains("▶ long-job"), frame);
    assertTrue(frame.contains("· go-no-go"), "the pending gate is listed: " + frame);
    assertTrue(frame.contains("[███████░░░░░░░░░░░░░░░░░]  30%  3/10 records"), "a progress bar from the heartbeat: " + frame);
    assertTrue(frame.contains("ETA "), frame);
    assertTrue(frame.contains("batch 3"), "the job's own note: " + frame);

    Result listed = cutover("list");
    assertEquals(0, listed.code(), listed::err);
    assertTrue(listed.out().matches("(?s).*cutover-watch-drill\\s+Running\\s.*watch drill · anchor watch-drill-1 · target watch-drill.*"), listed::out);
    assertTrue(listed.out().contains("does not support visibility queries (ListWorkflowExecutions)"), listed::out);

    Files.writeString(go, "");
    frame = watchUntil(id, f -> f.contains("GATE 'go-no-go'"));
    assertTrue(frame.contains("✓ long-job"), frame);
    assertTrue(frame.contains("Keep the new job running"), frame);
    assertTrue(frame.contains("approvers: alice (owner)"), frame);
    assertTrue(frame.contains("decide:    cutover approve cutover-watch-drill --gate go-no-go --by NAME"), frame);

    Result approved = cutover("approve", id, "--gate", "go-no-go", "--by", "alice");
    assertEquals(0, approved.code(), approved::err);
    Result watched = cutover("watch", id);
    assertEquals(0, watched.code(), watched::err);
    assertTrue(watched.out().contains("SUCCEEDED"), watched::out);

    Result after = cutover("list", "--running");
    assertTrue(after.out().contains("(no cutovers running)"), after::out);
    after = cutover("list");
    assertTrue(after.out().matches("(?s).*cutover-watch-drill\\s+Completed\\s.*"), after::out);
    Result query = cutover("list", "--query", "StartTime > '2025-01-01T00:00:00Z'");
    assertEquals(2, query.code());
    assertTrue(query.err().contains("does not support visibility queries"), query::err);
  }
}
