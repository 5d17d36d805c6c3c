package io.cutover.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One condition of a {@code hold} step: exactly one of
 *
 * <ul>
 *   <li>{@code until}: a condition on one of the hold's {@code metrics} in a monitor trigger's
 *       words ({@link Condition}), e.g. {@code queue_depth == 0} or {@code lag < 5s};
 *   <li>{@code sql}: a query's value ({@link SqlCondition});
 *   <li>{@code probe}: an HTTP probe that must pass, as a {@code health} step's;
 *   <li>{@code file}: a file that must be present, or absent ({@link FileCondition});
 *   <li>{@code timeOfDay}: a time window on the clock ({@link TimeOfDay}).
 * </ul>
 *
 * @param name how the condition is shown (default: derived from what it checks)
 */
public record HoldCondition(
    String name,
    String until,
    SqlCondition sql,
    HttpProbe probe,
    FileCondition file,
    TimeOfDay timeOfDay) {

  /** The kinds given, by key; a valid condition has exactly one. */
  public List<String> kinds() {
    List<String> out = new ArrayList<>();
    if (until != null) {
      out.add("until");
    }
    if (sql != null) {
      out.add("sql");
    }
    if (probe != null) {
      out.add("probe");
    }
    if (file != null) {
      out.add("file");
    }
    if (timeOfDay != null) {
      out.add("timeOfDay");
    }
    return out;
  }

  /** The name, or a short text saying what is checked. */
  public String label() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    if (until != null) {
      return until.trim();
    }
    if (sql != null) {
      return "sql on " + sql.database() + ": " + sql.query() + " " + sql.expectation();
    }
    if (probe != null) {
      return "probe " + probe.label();
    }
    if (file != null) {
      return "file " + file.path() + (file.presentOrDefault() ? " present" : " absent");
    }
    if (timeOfDay != null) {
      return "time of day " + timeOfDay.describe();
    }
    return "condition";
  }
}
