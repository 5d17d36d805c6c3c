package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.testing.CutoverCli;
import io.cutover.testing.CutoverCli.Result;
import io.cutover.testing.RealTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover watch} and {@code cutover list} against the real Temporal dev server with a
 * worker: progress bar from heartbeats, gate prompt, the list of runs, and visibility queries on
 * Cutover's search attributes ({@code --query 'CutoverStatus="AWAITING_APPROVAL"'}).
 */
class WatchAndListTest {
  @TempDir Path tmp;
  RealTemporal temporal;
  String address;

  @BeforeEach
  void serverAndWorker() {
    temporal = RealTemporal.start(tmp.resolve("temporal"), false);
    address = temporal.address();
    temporal.worker(null);
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  Result cutover(String... args) {
    return CutoverCli.run(address, args);
  }

  String watchUntil(String id, Predicate<String> condition) throws InterruptedException {
    return CutoverCli.until(
            address, Duration.ofSeconds(30), r -> condition.test(r.out()), "watch", id, "--once")
        .out();
  }

  /**
   * Runs {@code cutover list ARGS} until its output satisfies the condition (visibility is
   * eventually consistent).
   */
  Result listUntil(Predicate<String> condition, String... args) throws InterruptedException {
    String[] all = new String[args.length + 1];
    all[0] = "list";
    System.arraycopy(args, 0, all, 1, args.length);
    return CutoverCli.until(address, Duration.ofSeconds(20), r -> condition.test(r.out()), all);
  }

  @Test
  void watchShowsProgressAndTheGateAndListShowsTheRun() throws Exception {
    Path go = tmp.resolve("go");
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: watch drill",
            "anchor: watch-drill-1",
            "target: watch-drill",
            "steps:",
            "  - id: long-job",
            "    type: command",
            "    description: a job that reports its progress",
            "    argv: [/bin/sh, -c, 'for i in 1 2 3; do echo \"progress $i/10 records batch $i\";"
                + " done; while [ ! -f \"$0\" ]; do sleep 0.2; done', "
                + go
                + "]",
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
    assertTrue(
        frame.contains("[███████░░░░░░░░░░░░░░░░░]  30%  3/10 records"),
        "a progress bar from the heartbeat: " + frame);
    assertTrue(frame.contains("ETA "), frame);
    assertTrue(frame.contains("batch 3"), "the job's own note: " + frame);

    Result listed = listUntil(out -> out.contains("cutover-watch-drill"));
    assertTrue(
        listed
            .out()
            .matches(
                "(?s).*cutover-watch-drill\\s+Running\\s+RUNNING long-job\\s.*watch drill · anchor"
                    + " watch-drill-1 · target watch-drill.*"),
        listed::out);

    Files.writeString(go, "");
    frame = watchUntil(id, f -> f.contains("GATE 'go-no-go'"));
    assertTrue(frame.contains("✓ long-job"), frame);
    assertTrue(frame.contains("Keep the new job running"), frame);
    assertTrue(frame.contains("approvers: alice (owner)"), frame);
    assertTrue(
        frame.contains("decide:    cutover approve cutover-watch-drill --gate go-no-go --by NAME"),
        frame);
    Result waiting =
        listUntil(
            out -> out.contains("cutover-watch-drill"),
            "--query",
            "CutoverStatus=\"AWAITING_APPROVAL\"");
    assertTrue(waiting.out().contains("AWAITING_APPROVAL gate go-no-go"), waiting::out);
    assertTrue(
        listUntil(
                out -> out.contains("cutover-watch-drill"),
                "--query",
                "CutoverGate=\"go-no-go\" AND CutoverTarget=\"watch-drill\"")
            .out()
            .contains("cutover-watch-drill"));
    assertTrue(
        cutover("list", "--query", "CutoverStatus=\"ROLLING_BACK\"")
            .out()
            .contains("(no cutovers)"),
        "a filter that matches nothing lists nothing");

    Result approved = cutover("approve", id, "--gate", "go-no-go", "--by", "alice");
    assertEquals(0, approved.code(), approved::err);
    Result watched = cutover("watch", id);
    assertEquals(0, watched.code(), watched::err);
    assertTrue(watched.out().contains("SUCCEEDED"), watched::out);

    Result after = cutover("list", "--running");
    assertTrue(after.out().contains("(no cutovers running)"), after::out);
    after =
        listUntil(out -> out.matches("(?s).*cutover-watch-drill\\s+Completed\\s+SUCCEEDED\\s.*"));
    Result done =
        listUntil(
            out -> out.contains("cutover-watch-drill"), "--query", "CutoverStatus=\"SUCCEEDED\"");
    assertTrue(done.out().contains("SUCCEEDED"), done::out);
    Result bad = cutover("list", "--query", "CutoverStatus=");
    assertEquals(2, bad.code(), "a malformed visibility query is the user's input error");
    assertTrue(bad.err().contains("--query"), bad::err);
  }
}
