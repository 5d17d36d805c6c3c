package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code hold} condition on a database: {@code query} runs read-only and the first column of its
 * first row is compared with {@code expect}: a value ({@code 0}, {@code done}) it must equal, or a
 * comparison with a number ({@code < 5}, {@code >= 1}, {@code != 0}). Numbers compare as numbers
 * ({@code 0} equals {@code 0.0}), anything else as text. No row reads as NULL.
 */
public record SqlCondition(
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) String query,
    @JsonProperty(required = true) String expect) {
  private static final Pattern COMPARE = Pattern.compile("^(==|!=|>=|<=|>|<)\\s*(.*)$");

  /** The expectation as shown: {@code = 0}, {@code < 5}. */
  public String expectation() {
    Matcher m = COMPARE.matcher(expect.trim());
    return m.matches() ? m.group(1) + " " + m.group(2).trim() : "= " + expect.trim();
  }

  /** Why {@code expect} cannot be read, or null: a comparison needs a number. */
  public String problem() {
    if (expect == null || expect.isBlank()) {
      return "say what the query must return, e.g. expect: 0 or expect: '< 5'";
    }
    Matcher m = COMPARE.matcher(expect.trim());
    if (m.matches()
        && !m.group(1).equals("==")
        && !m.group(1).equals("!=")
        && number(m.group(2).trim()) == null) {
      return "'" + expect + "' compares with '" + m.group(2).trim() + "', which is not a number";
    }
    return null;
  }

  /** True when the query's value (null: NULL or no row) meets {@code expect}. */
  public boolean holds(String actual) {
    Matcher m = COMPARE.matcher(expect.trim());
    String op = m.matches() ? m.group(1) : "==";
    String want = m.matches() ? m.group(2).trim() : expect.trim();
    if (actual == null) {
      return op.equals("!=")
          ? !want.equalsIgnoreCase("null")
          : op.equals("==") && want.equalsIgnoreCase("null");
    }
    BigDecimal a = number(actual.trim());
    BigDecimal w = number(want);
    if (a == null || w == null) {
      boolean equal = actual.equals(want);
      return op.equals("==") ? equal : op.equals("!=") ? !equal : false;
    }
    int c = a.compareTo(w);
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "<" -> c < 0;
      default -> c <= 0;
    };
  }

  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
