package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Json;
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

/** The `cutover` command as an operator uses it: output and exit codes. */
class CliTest {
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
  void planCheckAcceptsTheExample() {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    assertEquals(0, cutover("plan", "check", plan.toString()), err::toString);
    assertTrue(out.toString().contains("OK — 'oApp canonical hierarchy rebuild'"), out::toString);
    assertTrue(out.toString().contains("truncate-canonical"));
  }

  @Test
  void planCheckNamesEveryProblemWithItsLine() throws Exception {
    Path plan = tmp.resolve("bad.yaml");
    Files.writeString(
        plan,
        String.join(
            "\n",
            "name: bad",
            "anchor: a-1",
            "target: prod",
            "resources:",
            "  databases:",
            "    prod: {type: sqlite, path: prod.db, protected: [governance_logs]}",
            "steps:",
            "  - id: wipe",
            "    type: truncate",
            "    database: prod",
            "    tables: [projects, governance_logs, \"x; DROP TABLE y\"]",
            "  - id: wipe",
            "    type: command",
            "    argv: [\"systemctl restart app\"]",
            "  - id: check",
            "    type: validate",
            "    database: prd",
            "    checks: [{type: count, table: projects, expect: 1}]",
            ""));
    assertEquals(2, cutover("plan", "check", plan.toString()));
    String e = err.toString();
    assertTrue(
        e.contains(
            "bad.yaml:8:5: steps[0] (wipe): step 'wipe' changes database 'prod' but no earlier step"
                + " backs it up"),
        e);
    assertTrue(
        e.contains(
            "bad.yaml:11:24: steps[0] (wipe).tables[1]: table 'governance_logs' is protected"),
        e);
    assertTrue(e.contains("'x; DROP TABLE y' is not a safe SQL name"), e);
    assertTrue(e.contains("bad.yaml:12:5: steps[1] (wipe).id: duplicate step id 'wipe'"), e);
    assertTrue(
        e.contains(
            "looks like a shell string: split it into a list, program first, e.g. [systemctl,"
                + " restart, app]"),
        e);
    assertTrue(
        e.contains(
            "bad.yaml:17:5: steps[2] (check).database: no database 'prd' under resources.databases"
                + " — did you mean 'prod'?"),
        e);
  }

  @Test
  void yamlSyntaxErrorsPointAtTheLine() throws Exception {
    Path plan = tmp.resolve("broken.yaml");
    Files.writeString(plan, "name: x\nsteps:\n  - id: a\n   type: wait\n");
    assertEquals(2, cutover("plan", "check", plan.toString()));
    assertTrue(err.toString().contains("broken.yaml:4:"), err::toString);
    assertTrue(err.toString().contains("YAML syntax error"), err::toString);
  }

  @Test
  void runOnTheEmbeddedServerSucceedsAndWritesTheReport() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Path report = tmp.resolve("out/report.json");
    int code =
        cutover(
            "run",
            plan.toString(),
            "--embedded",
            "--approve-all",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s",
            "--report",
            report.toString());
    assertEquals(0, code, () -> out + "\n" + err);
    JsonNode r = Json.MAPPER.readTree(Files.readString(report));
    assertEquals("SUCCEEDED", r.get("status").asText());
    assertTrue(out.toString().contains("⏸ Gate 'go-no-go'"), out::toString);
    assertTrue(out.toString().contains("(--approve-all)"), out::toString);
  }

  @Test
  void aRolledBackRunExitsWithThree() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Files.writeString(
        plan.resolveSibling("notion/phases.csv"),
        "PH-999,OAPP-P99,Orphan,1,Done,x\n",
        StandardOpenOption.APPEND);
    int code =
        cutover(
            "run",
            plan.toString(),
            "--embedded",
            "--approve-all",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");
    assertEquals(3, code, () -> out + "\n" + err);
    assertTrue(
        out.toString().contains("ROLLING BACK: step 'validate-production' failed"), out::toString);
    assertTrue(out.toString().contains("ROLLED_BACK"), out::toString);
  }

  @Test
  void aDryRunFromTheCommandLineSaysSoAndLeavesTheFolderAsItWas() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    int code =
        cutover(
            "run",
            plan.toString(),
            "--embedded",
            "--dry-run",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");
    assertEquals(0, code, () -> out + "\n" + err);
    assertTrue(out.toString().contains("Started cutover-oapp-production-dry-run"), out::toString);
    assertTrue(
        out.toString().contains("DRY RUN: every check passed; nothing was changed"), out::toString);
    assertTrue(
        !Files.exists(plan.resolveSibling("work")) && !Files.exists(plan.resolveSibling("backups")),
        "no database, backup or pid file was created");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, cutover("run"));
    assertEquals(2, cutover("approve", "cutover-x", "--gate", "g"));
    assertEquals(0, cutover("--help"));
    assertTrue(out.toString().contains("Exit codes: 0 succeeded"));
  }

  // cutover rehearse: forward, the rollback by design, and proof by checksum that the start is
  // back.

  @Test
  void aRehearsalRunsForwardRollsBackAndProvesTheStartingStateIsBack() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Path db = plan.resolveSibling("work/oapp_production.db");

    int code =
        cutover(
            "rehearse",
            plan.toString(),
            "--embedded",
            "--approve-all",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");

    String o = out.toString();
    assertEquals(0, code, () -> o + "\n" + err);
    assertTrue(o.contains("forward path:   every step passed"), o);
    assertTrue(o.contains("rollback:       ROLLED_BACK"), o);
    assertTrue(
        o.matches(
            "(?s).*state restored: yes — all \\d+ tables and files match their starting"
                + " checksums.*"),
        o);
    assertTrue(o.matches("(?s).*rollback \\(RTO\\): \\d+\\.\\d s \\(budget 120 s\\).*"), o);
    assertTrue(o.matches("(?s).*downtime:       \\d+\\.\\d s \\(budget 300 s\\).*"), o);
    assertTrue(o.contains("✓ validate-production"), "the forward path really ran: " + o);
    assertEquals(
        12,
        Sqlite.count(db, "projects_canonical"),
        "the stale hierarchy the rehearsal started from is back");
  }

  @Test
  void aRehearsalWhoseForwardPathFailsSaysSoAndExitsNonZero() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Files.writeString(
        plan.resolveSibling("notion/phases.csv"),
        "PH-999,OAPP-P99,Orphan,1,Done,x\n",
        StandardOpenOption.APPEND);

    int code =
        cutover(
            "rehearse",
            plan.toString(),
            "--embedded",
            "--approve-all",
            "--var",
            "port=" + Ports.free(),
            "--var",
            "window=20s");

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
