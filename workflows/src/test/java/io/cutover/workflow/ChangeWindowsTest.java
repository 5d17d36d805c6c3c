package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cutover.plan.ChangeWindow;
import io.cutover.plan.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Change-window arithmetic: openings, windows across midnight, the time left, notBefore, zones. */
class ChangeWindowsTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Saturday 22:00 to Sunday 02:00, Berlin time. */
  static final Schedule SATURDAY_NIGHT =
      new Schedule(
          null, List.of(new ChangeWindow(List.of("SAT"), "22:00", "02:00", "Europe/Berlin")));

  static Instant berlin(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BERLIN).toInstant();
  }

  @Test
  void beforeTheWindowTheRunStartsAtItsOpening() {
    WindowOpening o =
        ChangeWindows.next(SATURDAY_NIGHT, berlin("2026-03-04T10:00"), Duration.ofHours(1));
    assertEquals(berlin("2026-03-07T22:00"), o.start());
    assertEquals(berlin("2026-03-08T02:00"), o.closes(), "it closes the next day");
  }

  @Test
  void afterMidnightTheSaturdayWindowIsStillOpen() {
    Instant now = berlin("2026-03-08T01:00");
    WindowOpening o = ChangeWindows.next(SATURDAY_NIGHT, now, Duration.ofMinutes(30));
    assertEquals(now, o.start(), "Sunday 01:00 is inside Saturday's window");
    assertEquals(berlin("2026-03-08T02:00"), o.closes());
    assertEquals(berlin("2026-03-08T02:00"), ChangeWindows.openAt(SATURDAY_NIGHT, now).closes());
  }

  @Test
  void tooLittleLeftWaitsForTheNextWindow() {
    WindowOpening o =
        ChangeWindows.next(SATURDAY_NIGHT, berlin("2026-03-08T01:00"), Duration.ofHours(2));
    assertEquals(berlin("2026-03-14T22:00"), o.start(), "one hour left of four: next Saturday");
  }

  @Test
  void noWindowLongEnoughIsNull() {
    assertNull(ChangeWindows.next(SATURDAY_NIGHT, berlin("2026-03-04T10:00"), Duration.ofHours(5)));
  }

  @Test
  void notBeforeComesFirst() {
    Schedule s = new Schedule("2026-03-10T00:00:00Z", SATURDAY_NIGHT.windows());
    assertEquals(
        berlin("2026-03-14T22:00"),
        ChangeWindows.next(s, berlin("2026-03-04T10:00"), Duration.ZERO).start());
    Schedule inside = new Schedule("2026-03-07T23:00:00+01:00", SATURDAY_NIGHT.windows());
    assertEquals(
        berlin("2026-03-07T23:00"),
        ChangeWindows.next(inside, berlin("2026-03-04T10:00"), Duration.ofHours(1)).start(),
        "notBefore falls inside the window: start then");
    Schedule only = new Schedule("2026-03-10T00:00:00Z", List.of());
    WindowOpening o = ChangeWindows.next(only, berlin("2026-03-04T10:00"), Duration.ofHours(9));
    assertEquals(Instant.parse("2026-03-10T00:00:00Z"), o.start());
    assertNull(o.closes(), "no windows: any time after notBefore");
  }

  @Test
  void theEarliestOfSeveralWindowsWins() {
    Schedule s =
        new Schedule(
            null,
            List.of(
                new ChangeWindow(List.of("SAT"), "22:00", "02:00", "Europe/Berlin"),
                new ChangeWindow(List.of("MON-FRI"), "05:00", "06:00", "UTC")));
    assertEquals(
        Instant.parse("2026-03-05T05:00:00Z"),
        ChangeWindows.next(s, berlin("2026-03-04T10:00"), Duration.ofMinutes(30)).start());
    assertEquals(
        berlin("2026-03-07T22:00"),
        ChangeWindows.next(s, berlin("2026-03-04T10:00"), Duration.ofHours(2)).start(),
        "the weekday window is too short for two hours");
  }

  @Test
  void daylightSavingTimeMovesTheWindowWithTheClock() {
    Schedule s =
        new Schedule(
            null, List.of(new ChangeWindow(List.of("SAT"), "22:00", "02:00", "Europe/Berlin")));
    // Berlin goes to summer time on 2026-03-29 at 02:00: the window still opens at 22:00 local.
    WindowOpening o = ChangeWindows.next(s, berlin("2026-03-22T03:00"), Duration.ofHours(1));
    assertEquals(Instant.parse("2026-03-28T21:00:00Z"), o.start());
    assertEquals(
        Instant.parse("2026-03-29T01:00:00Z"),
        o.closes(),
        "02:00 does not exist that night: the clock jumps to 03:00 CEST");
    WindowOpening summer = ChangeWindows.next(s, berlin("2026-03-30T03:00"), Duration.ofHours(1));
    assertEquals(Instant.parse("2026-04-04T20:00:00Z"), summer.start(), "22:00 CEST is 20:00 UTC");
  }

  @Test
  void daysReadNamesAndRangesAndRefuseTheRest() {
    assertEquals(
        EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
        new ChangeWindow(List.of("fri-Mon"), "22:00", "02:00", null).openDays());
    assertEquals(
        EnumSet.allOf(DayOfWeek.class), new ChangeWindow(null, "22:00", "02:00", null).openDays());
    assertEquals(
        EnumSet.of(DayOfWeek.WEDNESDAY),
        new ChangeWindow(List.of("Wednesday"), "22:00", "02:00", null).openDays());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ChangeWindow(List.of("Funday"), "22:00", "02:00", null).openDays());
    assertEquals(
        "'Funday' is not a day: write MON, TUE, WED, THU, FRI, SAT or SUN (or a range such as"
            + " MON-FRI)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ChangeWindow(null, "9:00", "02:00", null).opens());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ChangeWindow(null, "24:00", "02:00", null).opens());
    assertEquals(Duration.ofHours(4), new ChangeWindow(null, "22:00", "02:00", null).length());
  }

  @Test
  void humanDurations() {
    assertEquals("45s", ChangeWindows.human(Duration.ofSeconds(45)));
    assertEquals("40m", ChangeWindows.human(Duration.ofMinutes(40)));
    assertEquals("3h12m", ChangeWindows.human(Duration.ofMinutes(192)));
    assertEquals("2d4h", ChangeWindows.human(Duration.ofHours(52)));
  }
}
