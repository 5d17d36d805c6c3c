package io.cutover.activities.plan;

import java.util.List;

/** A plan that cannot run, with every problem found in it. */
public final class PlanException extends Exception {
  private final List<PlanProblem> problems;

  public PlanException(List<PlanProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<PlanProblem> problems() {
    return problems;
  }

  private static String render(List<PlanProblem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append(" in the plan:");
    for (PlanProblem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
