package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import io.cutover.testing.Sqlite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover rehearse}: the whole plan forward, then its rollback by design, and proof by
 * checksum that the system is where it started, with the times against the plan's budget.
 */
class RehearseTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @AfterEach
  void stopServices() {
    Processes.killFromPidFiles(tmp);
  }

  int cutover(String... args) {
    return CutoverCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void aRehearsalRunsForwardRollsBackAndProvesTheStartingStateIsBack() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Path db = plan.resolveSibling("work/oapp_production.db");

    int code = cutover("rehearse", plan.toString(), "--embedded", "--approve-all", "--var", "port=" + Ports.free());

    String o = out.toString();
    assertEquals(0, code, () -> o + "\n" + err);
    assertTrue(o.contains("forward path:   every step passed"), o);
    assertTrue(o.contains("rollback:       ROLLED_BACK"), o);
    assertTrue(o.matches("(?s).*state restored: yes — all \\d+ tables and files match their starting checksums.*"), o);
    assertTrue(o.matches("(?s).*rollback \\(RTO\\): \\d+\\.\\d s \\(budget 120 s\\).*"), o);
    assertTrue(o.matches("(?s).*downtime:       \\d+\\.\\d s \\(budget 300 s\\).*"), o);
    assertTrue(o.contains("✓ validate-production"), "the forward path really ran: " + o);
    assertEquals(12, Sqlite.count(db, "projects_canonical"), "the stale hierarchy the rehearsal started from is back");
  }

  @Test
  void aRehearsalWhoseForwardPathFailsSaysSoAndExitsNonZero() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Files.writeString(plan.resolveSibling("notion/phases.csv"), "PH-999,OAPP-P99,Orphan,1,Done,x\n", StandardOpenOption.APPEND);

    int code = cutover("rehearse", plan.toString(), "--embedded", "--approve-all", "--var", "port=" + Ports.free());

    String o = out.toString();
    assertEquals(1, code, () -> o + "\n" + err);
    assertTrue(o.contains("forward path:   STOPPED: step 'validate-production' failed"), o);
    assertTrue(o.contains("state restored: yes"), "the rollback still put everything back: " + o);
  }

  @Test
  void aRehearsalIsNotADryRun() {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    assertEquals(2, cutover("rehearse", plan.toString(), "--embedded", "--dry-run"));
    assertTrue(err.toString().contains("--dry-run changes nothing: choose one"), err::toString);
  }
}
