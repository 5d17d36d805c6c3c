package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.testing.CutoverProcess;
import io.cutover.testing.Examples;
import io.cutover.testing.Ports;
import io.cutover.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings that made SUCCEEDED and exit 4 untrustworthy, as a new user meets them with {@code
 * cutover run}: a missing secret was a failed rollback, a port answered by another run's service
 * was a success, and two examples shared a port. Each now stops before anything changes
 * (PREFLIGHT_FAILED, exit 2) or works.
 */
class PreflightTest {
  @TempDir Path tmp;

  @AfterEach
  void stopServices() {
    Processes.stopFromPidFiles(tmp);
  }

  CutoverProcess run(Path plan, Map<String, String> env, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = plan.toString();
    args[2] = "--embedded";
    args[3] = "--approve-all";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return CutoverProcess.start(tmp.resolve("logs/run-" + System.nanoTime() + ".log"), env, args);
  }

  @Test
  void seed002WithoutItsTokenStopsBeforeTheFirstStepNotAsAFailedRollback() {
    Path plan = Examples.copy("sync-env-switch", tmp);
    Map<String, String> noToken = new HashMap<>();
    noToken.put("BOARD_API_TOKEN", null);
    CutoverProcess p = run(plan, noToken, "--var", "port=" + Ports.free());
    int code = p.exitCode(180);
    String out = p.log();
    assertEquals(2, code, out);
    assertTrue(out.contains("PREFLIGHT_FAILED"), out);
    assertTrue(out.contains("environment variable BOARD_API_TOKEN is not set on this worker"), out);
    assertFalse(
        out.contains("MANUAL ACTION")
            || out.contains("ROLLBACK_FAILED")
            || out.contains("do it by hand"),
        out);
    assertFalse(
        Files.exists(plan.resolveSibling("work/board-api.pid")),
        "no step ran: the board API was never started");
  }

  @Test
  void aPortAnsweredByAnotherRunsServiceStopsTheRunBeforeAnythingChangesNamingTheHolder()
      throws Exception {
    String port = Integer.toString(Ports.free());
    Path first = Examples.copy("oapp-canonical-rebuild", tmp.resolve("first"));
    CutoverProcess a = run(first, Map.of(), "--var", "port=" + port, "--var", "window=20s");
    assertEquals(0, a.exitCode(180), a.log());
    String holder = Files.readString(first.resolveSibling("work/oapp-api.pid")).trim();

    Path second = Examples.copy("oapp-canonical-rebuild", tmp.resolve("second"));
    CutoverProcess b = run(second, Map.of(), "--var", "port=" + port, "--var", "window=20s");
    int code = b.exitCode(180);
    String out = b.log();
    assertEquals(2, code, "not SUCCEEDED on the first run's health: " + out);
    assertTrue(out.contains("port " + port + " (its health probes) is held by pid " + holder), out);
    assertTrue(out.contains("OappApi.java"), "the holder's command is named: " + out);
    assertFalse(Files.exists(second.resolveSibling("backups")), "no step ran, not even the backup");
  }

  @Test
  void anExampleRunsAgainWhileItsServicesFromTheLastRunStillRun() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    String port = Integer.toString(Ports.free());
    assertEquals(
        0, run(plan, Map.of(), "--var", "port=" + port, "--var", "window=20s").exitCode(180));
    String before = Files.readString(plan.resolveSibling("work/oapp-api.pid")).trim();
    CutoverProcess again = run(plan, Map.of(), "--var", "port=" + port, "--var", "window=20s");
    assertEquals(0, again.exitCode(180), again.log());
    String after = Files.readString(plan.resolveSibling("work/oapp-api.pid")).trim();
    assertFalse(before.equals(after), "the restart replaced the earlier run's API process");
    assertFalse(
        ProcessHandle.of(Long.parseLong(before)).map(ProcessRunner::isRunning).orElse(false));
  }

  @Test
  void theExamplesDefaultPortsAreTheirOwn() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, String> owner = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(Examples.root().resolve("examples"))) {
      for (Path plan : dirs.map(d -> d.resolve("plan.yaml")).filter(Files::exists).toList()) {
        JsonNode vars = yaml.readTree(plan.toFile()).path("vars");
        vars.fieldNames()
            .forEachRemaining(
                name -> {
                  if (name.toLowerCase().contains("port")) {
                    String port = vars.path(name).asText();
                    String other = owner.put(port, plan.getParent().getFileName() + " " + name);
                    assertTrue(
                        other == null,
                        "port "
                            + port
                            + " is the default of both "
                            + other
                            + " and "
                            + owner.get(port));
                  }
                });
      }
    }
    assertTrue(owner.size() >= 6, owner::toString);
  }
}
