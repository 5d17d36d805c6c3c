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
 * {@code cutover retry|skip|pause|resume} against the real Temporal dev server with a worker: what
 * status shows, the refusals (exit 2) and the run going on.
 */
class RecoverCommandsTest {
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

  String statusUntil(String id, Predicate<String> condition) throws InterruptedException {
    return CutoverCli.until(
            address, Duration.ofSeconds(60), r -> condition.test(r.out()), "status", id)
        .out();
  }

  @Test
  void retrySkipPauseAndResumeFromTheCommandLine() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: recover drill",
            "anchor: recover-drill-1",
            "target: recover-drill",
            "onFailure: decide",
            "steps:",
            "  - {id: extract, type: command, argv: [test, -f, extract.csv], required: true}",
            "  - {id: notify-crm, type: command, argv: [test, -f, crm-up]}",
            "  - {id: done, type: command, argv: [touch, done]}",
            ""));
    Result started = cutover("start", plan.toString());
    assertEquals(0, started.code(), started::err);
    String id = started.out().trim();

    String status = statusUntil(id, s -> s.contains("AWAITING_DECISION"));
    assertTrue(status.contains("✗ Step 'extract' failed (attempt 1)"), status);
    assertTrue(
        status.contains("cutover retry " + id + " --step extract --by NAME --comment TEXT"),
        status);
    assertTrue(status.contains("(required: it cannot be skipped)"), status);
    Result skip =
        cutover("skip", id, "--step", "extract", "--by", "bob", "--comment", "not needed");
    assertEquals(2, skip.code());
    assertTrue(
        skip.err()
            .contains("refused: step 'extract' is required (required: true) and cannot be skipped"),
        skip::err);
    assertEquals(
        2,
        cutover("skip", id, "--step", "extract", "--by", "bob").code(),
        "a skip without --comment is a usage error");

    Files.writeString(tmp.resolve("extract.csv"), "id\n");
    Result retried =
        cutover(
            "retry", id, "--step", "extract", "--by", "alice", "--comment", "extract delivered");
    assertEquals(0, retried.code(), retried::err);
    assertTrue(retried.out().startsWith("retrying step 'extract' of " + id), retried::out);

    statusUntil(id, s -> s.contains("Step 'notify-crm' failed"));
    Result paused = cutover("pause", id, "--by", "alice", "--comment", "CRM vendor call");
    assertEquals(0, paused.code(), paused::err);
    statusUntil(id, s -> s.contains("⏸ PAUSED by alice"));
    Result again = cutover("pause", id, "--by", "bob");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("refused: already paused by alice"), again::err);
    Result skipped =
        cutover(
            "skip", id, "--step", "notify-crm", "--by", "alice", "--comment", "CRM told by phone");
    assertEquals(0, skipped.code(), skipped::err);
    status = statusUntil(id, s -> s.contains("— PAUSED"));
    assertTrue(
        status.contains("skipped by alice after attempt 1 failed: CRM told by phone"), status);
    assertTrue(!Files.exists(tmp.resolve("done")), "paused: the next step has not started");

    Result resumed = cutover("resume", id, "--by", "alice");
    assertEquals(0, resumed.code(), resumed::err);
    Result watched = cutover("watch", id);
    assertEquals(0, watched.code(), watched::out);
    assertTrue(Files.exists(tmp.resolve("done")));
    Result late = cutover("resume", id, "--by", "alice");
    assertEquals(2, late.code());
    assertTrue(late.err().contains("refused: the run is SUCCEEDED: nothing to resume"), late::err);
    Result retryLate = cutover("retry", id, "--step", "extract", "--by", "alice");
    assertEquals(1, retryLate.code(), "a closed run takes no update: " + retryLate.err());
  }
}
