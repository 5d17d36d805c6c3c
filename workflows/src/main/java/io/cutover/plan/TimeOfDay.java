package io.cutover.plan;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code hold} condition on the clock: the local time in {@code timezone} (default UTC) is at or
 * after {@code after} and before {@code before} ({@code HH:mm}). A window whose {@code after} is
 * later than its {@code before} spans midnight ({@code after: "22:00", before: "06:00"}); with only
 * one of them it runs to or from midnight. Evaluated against the workflow's clock at the check, so
 * a time-skipping test server moves it too.
 */
public record TimeOfDay(String after, String before, String timezone) {
  /** What is wrong with it, if anything: bad times, an unknown zone, no bound, an empty window. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (after == null && before == null) {
      out.add(
          "give 'after', 'before' or both, as HH:mm, e.g. {after: \"22:00\", before: \"06:00\"}");
    }
    LocalTime a = time(after, "after", out);
    LocalTime b = time(before, "before", out);
    if (a != null && a.equals(b)) {
      out.add("'after' and 'before' are both " + after + ": the window is empty");
    }
    try {
      zone();
    } catch (DateTimeException e) {
      out.add("unknown timezone '" + timezone + "': write a region such as Europe/Berlin or UTC");
    }
    return out;
  }

  /** True when the instant falls in the window. */
  public boolean contains(long epochMillis) {
    LocalTime t = Instant.ofEpochMilli(epochMillis).atZone(zone()).toLocalTime();
    LocalTime a = after == null ? LocalTime.MIDNIGHT : LocalTime.parse(after.trim());
    if (before == null) {
      return !t.isBefore(a);
    }
    LocalTime b = LocalTime.parse(before.trim());
    if (a.isBefore(b)) {
      return !t.isBefore(a) && t.isBefore(b);
    }
    return !t.isBefore(a) || t.isBefore(b);
  }

  /** The local time at the instant, as {@code 23:14 Europe/Berlin}. */
  public String localTime(long epochMillis) {
    LocalTime t =
        Instant.ofEpochMilli(epochMillis).atZone(zone()).toLocalTime().withSecond(0).withNano(0);
    return t + " " + zone().getId();
  }

  /** The window as written: {@code 22:00-06:00 Europe/Berlin}. */
  public String describe() {
    String zone = timezone == null || timezone.isBlank() ? "UTC" : timezone.trim();
    return (after == null ? "00:00" : after.trim())
        + "-"
        + (before == null ? "24:00" : before.trim())
        + " "
        + zone;
  }

  private ZoneId zone() {
    return timezone == null || timezone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timezone.trim());
  }

  private static LocalTime time(String text, String key, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      if (!text.trim().matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:mm", text, 0);
      }
      return LocalTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      problems.add("'" + key + "' is '" + text + "': write a time of day as HH:mm, e.g. \"22:00\"");
      return null;
    }
  }
}
