package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as written in a plan: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d},
 * or combinations such as {@code 1h30m}. Serialized back to the text it was written as, so the plan
 * in workflow history reads the way the operator wrote it.
 */
public record Span(String text) {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

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

  private static long toMillis(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(t);
    long total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      long unit =
          switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
          };
      try {
        // A duration beyond Long.MAX_VALUE ms is refused, not wrapped around into a negative one.
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), unit));
      } catch (ArithmeticException | NumberFormatException tooLong) {
        throw invalid(text);
      }
      end = m.end();
    }
    if (end != t.length() || end == 0) {
      throw invalid(text);
    }
    return total;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '" + text + "': write it as 500ms, 30s, 5m, 2h, 1d or 1h30m");
  }

  @Override
  public String toString() {
    return text;
  }
}
