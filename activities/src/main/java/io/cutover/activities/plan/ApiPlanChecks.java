package io.cutover.activities.plan;

import io.cutover.plan.HostSpec;
import io.cutover.plan.Plan;
import io.cutover.plan.Span;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plan checks for hosts and for the steps that talk to HTTP APIs ({@code http},
 * {@code column-mapping}); called from {@link PlanValidator}.
 */
final class ApiPlanChecks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final long MAX_WAIT = Span.parse("1d").millis();

  private final PlanDocument doc;
  private final Plan plan;
  private final String baseDir;
  private final List<PlanProblem> problems;

  private ApiPlanChecks(PlanDocument doc, Plan plan, String baseDir, List<PlanProblem> problems) {
    this.doc = doc;
    this.plan = plan;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  static void check(PlanDocument doc, Plan plan, String baseDir, List<PlanProblem> problems) {
    new ApiPlanChecks(doc, plan, baseDir, problems).run();
  }

  private void add(String pointer, String message) {
    problems.add(doc.problem(pointer, message));
  }

  private void run() {
    for (Map.Entry<String, HostSpec> e : plan.resources().hosts().entrySet()) {
      String ptr = "/resources/hosts/" + e.getKey();
      if (!NAME.matcher(e.getKey()).matches()) {
        add(ptr, "host '" + e.getKey() + "' names a task queue cutover-<host>: use letters, digits, '.', '_' and '-'");
      }
      Span wait = e.getValue().workerWait();
      if (wait.millis() < 1000 || wait.millis() > MAX_WAIT) {
        add(ptr + "/workerWait", "'" + wait + "' is out of range: give at least 1s and at most 1d");
      }
    }
  }
}
