package io.cutover.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.testing.Examples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules}: each alert fires when it should and stays quiet when it should not); the dashboard is one
 * Grafana dashboard whose every panel queries the templated Prometheus data source. That the series
 * they read exist is {@link ObservabilityTest}'s part.
 */
class ObservabilityFilesTest {
  record Result(int code, String out) {}

  static Result promtool(String... args) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      Result install = run(List.of(Examples.root().resolve("tools/install-promtool").toString()));
      assertEquals(0, install.code(), install.out());
    }
    List<String> argv = new ArrayList<>(List.of(promtool.toString()));
    argv.addAll(List.of(args));
    return run(argv);
  }

  static Result run(List<String> argv) throws Exception {
    Process p =
        new ProcessBuilder(argv)
            .directory(DashboardAndRules.dir().toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "timed out: " + argv);
    return new Result(p.exitValue(), out);
  }

  @Test
  void alertRulesAreValidAndTheirUnitTestsPass() throws Exception {
    Result check = promtool("check", "rules", "prometheus-rules.yaml");
    assertEquals(0, check.code(), check.out());
    assertTrue(check.out().contains("SUCCESS: 7 rules found"), check.out());
    Result test = promtool("test", "rules", "prometheus-rules.test.yaml");
    assertEquals(0, test.code(), test.out());
    assertTrue(test.out().contains("SUCCESS"), test.out());
  }

  @Test
  void aBrokenRuleIsRefusedByTheSameCheck() throws Exception {
    Path broken = Files.createTempFile("broken-rules", ".yaml");
    try {
      Files.writeString(
          broken,
          Files.readString(DashboardAndRules.rulesFile())
              .replace(
                  "max by (workflow_id, gate) (cutover_gate_open_seconds) > 4 * 3600",
                  "max by (workflow_id, gate) (cutover_gate_open_seconds > "));
      Result check = promtool("check", "rules", broken.toString());
      assertFalse(
          check.code() == 0, "a rule that does not parse must fail the check: " + check.out());
    } finally {
      Files.deleteIfExists(broken);
    }
  }

  @Test
  void theDashboardQueriesTheTemplatedPrometheusSourceInEveryPanel() throws Exception {
    JsonNode d = new ObjectMapper().readTree(DashboardAndRules.dashboardFile().toFile());
    assertEquals("cutover-workers", d.path("uid").asText());
    assertTrue(d.path("templating").path("list").findValuesAsText("name").contains("datasource"));
    assertTrue(d.path("panels").size() >= 10, "panels: " + d.path("panels").size());
    List<Integer> ids = new ArrayList<>();
    for (JsonNode panel : d.path("panels")) {
      ids.add(panel.path("id").asInt());
      assertFalse(panel.path("title").asText().isBlank(), panel.toString());
      assertTrue(
          panel.path("targets").size() > 0, "a panel without a query: " + panel.path("title"));
      for (JsonNode t : panel.path("targets")) {
        assertEquals(
            "${datasource}",
            t.path("datasource").path("uid").asText(),
            panel.path("title").asText());
        assertFalse(
            DashboardAndRules.seriesUsed(List.of(t.path("expr").asText())).isEmpty(),
            "a query that reads no Cutover or Temporal series: " + t.path("expr"));
      }
    }
    assertEquals(ids.size(), ids.stream().distinct().count(), "panel ids are unique: " + ids);
  }
}
