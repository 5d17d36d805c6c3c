package io.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seeds' own words parse into the conditions they mean. */
class ConditionTest {
  @Test
  void absoluteRateSustained() {
    Condition c = Condition.parse("error_rate > 1% for 5 minutes");
    assertEquals("error_rate", c.metric());
    assertEquals(Condition.Kind.THRESHOLD, c.kind());
    assertEquals(0.01, c.threshold(), 1e-12);
    assertEquals(300_000, c.forMillis());
    assertTrue(c.breached(0.011, c.limit(null)));
    assertFalse(c.breached(0.01, c.limit(null)), "at the limit is not above it");
  }

  @Test
  void baselineMultiplesWithAndWithoutAFloor() {
    Condition c = Condition.parse("error_rate > 2x baseline for 10 consecutive minutes");
    assertEquals(Condition.Kind.BASELINE, c.kind());
    assertEquals(600_000, c.forMillis());
    assertEquals(0.004, c.limit(0.002), 1e-12);
    assertEquals(null, c.limit(null), "no baseline, no limit");
    Condition floor = Condition.parse("error_rate > max(2× baseline, 0.5%) for 10m");
    assertEquals(
        0.005, floor.limit(0.0), 1e-12, "a zero baseline does not make every error a breach");
    assertEquals(0.02, floor.limit(0.01), 1e-12);
  }

  @Test
  void latencyGrowthLinesAndHealth() {
    Condition p95 = Condition.parse("p95 > 500 ms sustained 15 minutes");
    assertEquals(0.5, p95.threshold(), 1e-12);
    assertEquals(900_000, p95.forMillis());
    assertEquals("ms", p95.unit());
    assertEquals("730 ms", p95.show(0.73, "seconds"));

    Condition mem = Condition.parse("memory growing > 20%/hour");
    assertEquals(Condition.Kind.GROWTH, mem.kind());
    assertEquals(0.2, mem.threshold(), 1e-12);

    Condition leak = Condition.parse("leak_lines > 0");
    assertEquals(0, leak.forMillis());
    assertTrue(leak.breached(1, leak.limit(null)));

    Condition health = Condition.parse("health failing > 5 minutes");
    assertEquals(Condition.Kind.FAILING, health.kind());
    assertEquals(300_000, health.forMillis());
    assertTrue(health.breached(1, health.limit(null)));
    assertFalse(health.breached(0, health.limit(null)));

    Condition mb = Condition.parse("rss >= 200MiB for 1h30m");
    assertEquals(200.0 * 1024 * 1024, mb.threshold(), 1e-6);
    assertEquals(5_400_000, mb.forMillis());
  }

  @Test
  void equalityComparesExactlyUpToRounding() {
    Condition drained = Condition.parse("queue_depth == 0");
    assertEquals("==", drained.op());
    assertTrue(drained.breached(0, drained.limit(null)));
    assertFalse(drained.breached(1, drained.limit(null)));
    assertEquals(null, drained.closeness(3.0, 0.0), "no 'how close' for an equality");
    Condition share = Condition.parse("share == 7%");
    assertTrue(share.breached(7 * 0.01, share.limit(null)), "7 percent read as a ratio equals 7%");
    Condition moving = Condition.parse("lag != 0");
    assertTrue(moving.breached(2, moving.limit(null)));
    assertFalse(moving.breached(0, moving.limit(null)));
  }

  @Test
  void scalingShortensHoldsOnly() {
    Condition c = Condition.parse("error_rate > 1% for 5 minutes").scaled(1.0 / 30);
    assertEquals(10_000, c.forMillis());
    assertEquals(0.01, c.threshold(), 1e-12);
  }

  @Test
  void unreadableConditionsSayHowToWriteThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("error rate is high"));
    assertTrue(e.getMessage().contains("error_rate > 1% for 5 minutes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Condition.parse("p95 > 500 parsecs"));
    assertTrue(e.getMessage().contains("unit"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Condition.parse("p95 > 500ms for a while"));
    assertTrue(e.getMessage().contains("duration"), e.getMessage());
  }
}
