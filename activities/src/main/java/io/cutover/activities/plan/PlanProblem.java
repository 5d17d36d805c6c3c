package io.cutover.activities.plan;

/**
 * One thing wrong with a plan, located: file, line and column where known, the path inside the plan
 * (e.g. {@code steps[3].tables[0]}), what is wrong and how to fix it.
 */
public record PlanProblem(String file, int line, int column, String path, String message) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
    }
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
