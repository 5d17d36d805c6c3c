package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How many of a gate's approvers must approve: {@code all}, or a number. Written {@code quorum:
 * all} or {@code quorum: 2}.
 *
 * @param count approvals needed; 0 means every listed approver
 */
public record Quorum(int count) {
  public static final Quorum ALL = new Quorum(0);

  /** Reads {@code all}, a number, or a number written as text. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Quorum parse(Object value) {
    String text = value == null ? null : String.valueOf(value);
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("all")) {
      return ALL;
    }
    try {
      int n = Integer.parseInt(t);
      if (n < 1) {
        throw new IllegalArgumentException(
            "quorum " + n + " is below 1: write all, or how many approvals are needed");
      }
      return new Quorum(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a quorum: write all, or a number such as 2");
    }
  }

  public boolean all() {
    return count == 0;
  }

  /** Approvals needed out of the given number of listed approvers. */
  public int needed(int approvers) {
    return all() ? approvers : count;
  }

  @JsonValue
  public String text() {
    return all() ? "all" : Integer.toString(count);
  }
}
