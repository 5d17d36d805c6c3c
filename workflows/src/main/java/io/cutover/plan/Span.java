package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as written in a plan — the one duration grammar of plans, used by every duration field
 * and by trigger conditions' {@code for} clause: one or more parts, each a number (decimals
 * allowed) and a unit, either compact ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code
 * 1d}, {@code 1h30m}) or as runbooks write it ({@code 5 minutes}, {@code 10 consecutive minutes},
 * {@code 1.5 hours}, {@code 2 days}). Serialized back to the text it was written as, so the plan in
 * workflow history reads the way the operator wrote it.
 */
public record Span(String text) {
  // Longest unit names first, so "ms" is not read as "m" and "mins" not as "m" + garbage.
  private static final Pattern PART =
      Pattern.compile(
          "\\s*(\\d+(?:\\.\\d+)?)\\s*(?:consecutive\\s+)?"
              + "(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)"
              + "(?![a-z])");

  public Span {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration: write it as 30s, 5m, 2h or 1d");
    }
    toMillis(text);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Span parse(String text) {
    return new Span(text == null ? null : text.trim());
  }

  public static Span ofSeconds(long seconds) {
    return new Span(seconds + "s");
  }

  @JsonValue
  @Override
  public String text() {
    return text;
  }

  public Duration toDuration() {
    return Duration.ofMillis(toMillis(text));
  }

  public long millis() {
    return toMillis(text);
  }

  /** Multiplies this span by a factor, e.g. to scale checkpoint offsets with a shortened window. */
  public Span scaled(double factor) {
    long ms = Math.max(1, Math.round(millis() * factor));
    return new Span(ms + "ms");
  }

  private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private static long toMillis(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(t);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      String unit = m.group(2);
      long per =
          unit.equals("ms") || unit.startsWith("milli")
              ? 1L
              : unit.startsWith("s")
                  ? 1000L
                  : unit.startsWith("m")
                      ? 60_000L
                      : unit.startsWith("h") ? 3_600_000L : 86_400_000L;
      // Exact arithmetic: a duration beyond Long.MAX_VALUE ms is refused, not wrapped around or
      // rounded into a wrong one.
      total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(per)));
      end = m.end();
    }
    if (end != t.length() || end == 0 || total.compareTo(MAX) > 0) {
      throw invalid(text);
    }
    return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '" + text + "': write it as 500ms, 30s, 5m, 2h, 1d, 1h30m or 5 minutes");
  }

  @Override
  public String toString() {
    return text;
  }
}
