package io.cutover.activities.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cutover plan check` on monitors, baselines, quorums, canaries and webhooks: each mistake named,
 * with its line.
 */
class WatchChecksTest {
  @TempDir Path tmp;

  @Test
  void everyMistakeIsReportedWhereItIs() throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(
        plan,
        """
        name: checks
        anchor: a
        target: t
        notify:
          - {url: "ftp://chat", on: [gate-open], body: {text: "{{evnt}}"}}
        resources:
          services:
            app: {restart: [systemctl, restart, app]}
        steps:
          - id: watch
            type: monitor
            window: 1h
            interval: 10s
            metrics:
              err: {type: prometheus, url: "http://app/metrics", select: 'requests_total{code=~"5..}', per: requests_total}
              rss: {type: memory}
            triggers:
              - when: err > 1% for a while
              - when: latency > 500ms
              - when: err > 2x baseline
              - when: err failing
            checkpoints:
              - name: hour-1
                at: 2h
                steps: [{id: again, type: restart, services: [app]}]
          - id: late-baseline
            type: baseline
            monitor: watch
          - id: signoff
            type: gate
            prompt: ok?
            approvers: [{name: ann, role: Engineering Lead}]
            quorum: 2
            roles: [Data Quality]
          - id: roll
            type: restart
            services: [app]
            batch: 0
        """);
    PlanException e =
        assertThrows(PlanException.class, () -> PlanLoader.loadFile(plan, Map.of(), false));
    List<String> found = e.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
    String all = String.join("\n", found);
    assertContains(all, "5: a URL starts with http:// or https://");
    assertContains(all, "5: unknown event 'gate-open' — did you mean 'gate-opened'?");
    assertContains(all, "5: unknown placeholder {{evnt}} — did you mean 'event'?");
    assertContains(all, "15: 'requests_total{code=~\"5..}': unclosed quote in the value of 'code'");
    assertContains(all, "give the process as either 'pid' or 'pidFile'");
    assertContains(all, "cannot read the duration 'a while'");
    assertContains(all, "no metric 'latency' in this monitor's metrics");
    assertContains(
        all, "compares with a baseline, but no earlier baseline step captures one for 'watch'");
    assertContains(all, "'failing' watches a probe metric");
    assertContains(all, "21: two triggers are called 'err': give each a 'name'");
    assertContains(all, "checkpoint 'hour-1' at 2h is after the end of the 1h window");
    assertContains(all, "a 'restart' step cannot run at a checkpoint");
    assertContains(all, "the baseline of 'watch' must be captured before it runs");
    assertContains(all, "quorum 2 needs more approvals than the 1 approvers listed");
    assertContains(all, "no approver has the role 'Data Quality'");
    assertContains(all, "a batch restarts at least 1 instance");
    assertTrue(
        e.problems().stream().allMatch(p -> p.line() > 0), "every problem has a line: " + all);
    assertEquals(16, found.size(), all);
  }

  private static void assertContains(String all, String expected) {
    assertTrue(all.contains(expected), "expected '" + expected + "' among:\n" + all);
  }
}
