package io.cutover.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * When a run may start changing things. The run does everything that only reads (preflight,
 * backups, validations, gates) at once, and waits, on a durable timer, before its first step that
 * changes the system until {@code notBefore} has passed and one of the {@code windows} is open with
 * at least the plan's {@code budget.total} left in it.
 *
 * @param notBefore ISO-8601 instant, e.g. {@code 2026-03-07T21:00:00Z} or {@code
 *     2026-03-07T22:00:00+01:00}; null: no earliest start
 * @param windows change windows; any open one will do (they are not merged). Empty: any time after
 *     {@code notBefore}
 */
public record Schedule(String notBefore, List<ChangeWindow> windows) {
  public Schedule {
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  /** {@code notBefore} as an instant; null when not given. Throws for text that is not ISO-8601. */
  public Instant earliest() {
    if (notBefore == null) {
      return null;
    }
    String t = notBefore.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "notBefore '"
                + notBefore
                + "' is not an ISO-8601 instant: write e.g. 2026-03-07T21:00:00Z or"
                + " 2026-03-07T22:00:00+01:00");
      }
    }
  }

  /**
   * One line for status views, e.g. {@code not before 2026-03-07T21:00:00Z; MON-FRI 22:00-02:00
   * Europe/Berlin}.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (notBefore != null) {
      parts.add("not before " + notBefore);
    }
    windows.forEach(w -> parts.add(w.describe()));
    return String.join("; ", parts);
  }
}
