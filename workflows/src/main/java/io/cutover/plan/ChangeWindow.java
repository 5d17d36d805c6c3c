package io.cutover.plan;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly change window: it opens on each of {@code days} at {@code from} (local time in {@code
 * timezone}) and closes at {@code to}, on the next day when {@code to} is not after {@code from}
 * (22:00 to 02:00 runs across midnight: a window of FRI 22:00-02:00 closes on Saturday at two).
 * Daylight-saving gaps move a time forward, as {@link java.time.ZonedDateTime} does.
 *
 * @param days the days the window opens on: MON, TUE, … SUN (full names and ranges such as MON-FRI
 *     too); empty: every day
 * @param from opening time, {@code HH:mm}
 * @param to closing time, {@code HH:mm}
 * @param timezone an IANA zone such as {@code Europe/Berlin}; default UTC
 */
public record ChangeWindow(List<String> days, String from, String to, String timezone) {
  public ChangeWindow {
    days = days == null ? List.of() : List.copyOf(days);
  }

  /** The days it opens on. Throws {@link IllegalArgumentException} naming a day it cannot read. */
  public Set<DayOfWeek> openDays() {
    if (days.isEmpty()) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String d : days) {
      String t = d == null ? "" : d.trim();
      int dash = t.indexOf('-');
      if (dash > 0) {
        DayOfWeek a = day(t.substring(0, dash));
        DayOfWeek b = day(t.substring(dash + 1));
        for (DayOfWeek x = a; ; x = x.plus(1)) {
          out.add(x);
          if (x == b) {
            break;
          }
        }
      } else {
        out.add(day(t));
      }
    }
    return out;
  }

  public LocalTime opens() {
    return time("from", from);
  }

  public LocalTime closes() {
    return time("to", to);
  }

  public ZoneId zone() {
    if (timezone == null || timezone.isBlank()) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(timezone.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "unknown timezone '"
              + timezone
              + "': write an IANA zone such as Europe/Berlin, America/New_York or UTC");
    }
  }

  /** How long the window is open on a day without a daylight-saving change. */
  public Duration length() {
    Duration d = Duration.between(opens(), closes());
    return d.isNegative() || d.isZero() ? d.plusDays(1) : d;
  }

  /** E.g. {@code MON,TUE 22:00-02:00 Europe/Berlin}. */
  public String describe() {
    String d = days.isEmpty() ? "daily" : String.join(",", days).toUpperCase(Locale.ROOT);
    return d
        + " "
        + from
        + "-"
        + to
        + " "
        + (timezone == null || timezone.isBlank() ? "UTC" : timezone);
  }

  private static DayOfWeek day(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t))) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a day: write MON, TUE, WED, THU, FRI, SAT or SUN (or a range such as"
            + " MON-FRI)");
  }

  private static LocalTime time(String key, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "'" + key + "' is required: the time of day as HH:mm, e.g. 22:00");
    }
    try {
      if (!text.trim().matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:mm", text, 0);
      }
      return LocalTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key
              + " '"
              + text
              + "' is not a time of day: write HH:mm from 00:00 to 23:59, e.g. 22:00");
    }
  }
}
