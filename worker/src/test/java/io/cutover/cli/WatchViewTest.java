package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.Json;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code cutover watch} that read the status as JSON: monitoring windows and their
 * trigger margins, in the shape the monitor step reports them, and progress heartbeats.
 */
class WatchViewTest {
  @Test
  void monitorWindowsShowEachTriggersMarginAndHowLongItHasHeld() throws Exception {
    String status =
        """
        {"status": "RUNNING", "monitors": [{"step": "stabilize", "state": "sampling", "elapsedSeconds": 250, "windowSeconds": 3600,
          "samples": 25, "missed": 1, "triggers": [
            {"name": "5xx rate > 1% for 5m", "value": "0.4%", "limit": "1%", "state": "ok", "closeness": 0.4, "action": "rollback"},
            {"name": "p95 > 500ms for 5m", "value": "620ms", "limit": "500ms", "state": "breaching", "heldSeconds": 70,
             "forSeconds": 300, "action": "rollback"}]}]}
        """;
    String shown = WatchView.monitors(Json.MAPPER.readTree(status));
    assertTrue(
        shown.contains("◷ stabilize: 4m10s of 1h00m (7%) · 25 samples, 1 missed · sampling"),
        shown);
    assertTrue(
        shown.contains(
            "· 5xx rate > 1% for 5m         0.4% vs limit 1% (40% of the way) → rollback"),
        shown);
    assertTrue(
        shown.contains(
            "! p95 > 500ms for 5m           620ms vs limit 500ms [breaching 1m10s/5m00s] →"
                + " rollback"),
        shown);
    assertEquals(
        "",
        WatchView.monitors(Json.MAPPER.readTree("{\"status\": \"RUNNING\"}")),
        "nothing when the run has no monitor");
  }

  @Test
  void progressWithoutATotalShowsTheCountAndRate() throws Exception {
    String line =
        WatchView.progress(
            Json.MAPPER.readTree(
                "{\"unit\": \"rows\", \"done\": 5000, \"total\": null, \"startedAtMillis\": 1000,"
                    + " \"note\": \"orders.csv → orders\"}"),
            11_000);
    assertEquals("5000 rows · 500/s  orders.csv → orders", line);
  }
}
