package io.cutover.workflow;

import io.cutover.plan.ChangeWindow;
import io.cutover.plan.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Change-window arithmetic, a pure function of the schedule and an instant (workflow code passes
 * {@code Workflow.currentTimeMillis()}, so it is deterministic). Each window is weekly: it opens on
 * its days at {@code from}, local time in its zone, and closes at {@code to}, the next day when
 * {@code to} is not after {@code from}. Windows are not merged: the time left is that of one
 * window.
 */
final class ChangeWindows {
  private ChangeWindows() {}

  /**
   * The earliest instant at or after {@code now} (and {@code notBefore}) at which a window is open
   * with at least {@code needed} of it left; null when no window is ever that long.
   */
  static WindowOpening next(Schedule schedule, Instant now, Duration needed) {
    Instant from =
        schedule.earliest() != null && schedule.earliest().isAfter(now) ? schedule.earliest() : now;
    if (schedule.windows().isEmpty()) {
      return new WindowOpening(from, null, null);
    }
    WindowOpening best = null;
    for (ChangeWindow w : schedule.windows()) {
      WindowOpening o = firstFitting(w, from, needed);
      if (o != null && (best == null || o.start().isBefore(best.start()))) {
        best = o;
      }
    }
    return best;
  }

  /** The window open at {@code now} that stays open longest; null when none is open. */
  static WindowOpening openAt(Schedule schedule, Instant now) {
    WindowOpening best = null;
    for (ChangeWindow w : schedule.windows()) {
      WindowOpening o = firstFitting(w, now, Duration.ZERO);
      if (o != null
          && !o.start().isAfter(now)
          && (best == null || o.closes().isAfter(best.closes()))) {
        best = o;
      }
    }
    return best;
  }

  /**
   * The first occurrence of the window, from the one that opened the day before {@code from} (it
   * may cross midnight into {@code from}'s day) on, with {@code needed} left after {@code from}. A
   * week and two days covers every weekday.
   */
  private static WindowOpening firstFitting(ChangeWindow w, Instant from, Duration needed) {
    ZoneId zone = w.zone();
    Set<DayOfWeek> days = w.openDays();
    LocalTime opens = w.opens();
    LocalTime closes = w.closes();
    LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i <= 8; i++) {
      LocalDate day = first.plusDays(i);
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant start = ZonedDateTime.of(day, opens, zone).toInstant();
      Instant end =
          ZonedDateTime.of(closes.isAfter(opens) ? day : day.plusDays(1), closes, zone).toInstant();
      Instant t = start.isAfter(from) ? start : from;
      if (t.isBefore(end) && Duration.between(t, end).compareTo(needed) >= 0) {
        return new WindowOpening(t, end, w);
      }
    }
    return null;
  }

  /** A duration for people: {@code 45s}, {@code 40m}, {@code 3h12m}, {@code 2d4h}. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 24) {
      return h + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
    }
    return h / 24 + "d" + (h % 24 == 0 ? "" : h % 24 + "h");
  }
}
