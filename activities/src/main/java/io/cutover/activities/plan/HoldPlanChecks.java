package io.cutover.activities.plan;

import io.cutover.activities.http.JsonPaths;
import io.cutover.plan.Approver;
import io.cutover.plan.Condition;
import io.cutover.plan.HoldCondition;
import io.cutover.plan.HoldStep;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.MetricSource;
import io.cutover.plan.Plan;
import io.cutover.plan.Span;
import io.cutover.plan.SqlCondition;
import io.cutover.plan.Step;
import io.cutover.plan.TriggerAction;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plan checks for {@code hold} steps: each condition is one thing that can be evaluated (a metric
 * condition in the monitor's grammar naming one of the hold's metrics, a read-only query on a known
 * database, a probe, a file, a time window), and the timing makes sense (checked at least once per
 * {@code stableFor}, stable within the deadline, at most {@link HoldStep#MAX_CHECKS} checks).
 * Called by {@link PlanValidator}.
 */
final class HoldPlanChecks {
  private static final Span MAX = Span.parse("30d");
  private static final Pattern READ_ONLY =
      Pattern.compile("^\\s*(?i:select|with|values|pragma|show|explain)\\b.*", Pattern.DOTALL);

  private final PlanDocument doc;
  private final Plan plan;
  private final List<PlanProblem> problems;

  private HoldPlanChecks(PlanDocument doc, Plan plan, List<PlanProblem> problems) {
    this.doc = doc;
    this.plan = plan;
    this.problems = problems;
  }

  /** Checks the step when it is a hold; other steps are left alone. */
  static void step(PlanDocument doc, Plan plan, String ptr, Step s, List<PlanProblem> problems) {
    if (s instanceof HoldStep h) {
      new HoldPlanChecks(doc, plan, problems).hold(ptr, h);
    }
  }

  private void add(String pointer, String message) {
    problems.add(doc.problem(pointer, message));
  }

  private void hold(String ptr, HoldStep h) {
    timing(ptr, h);
    if (h.conditions().isEmpty()) {
      add(
          ptr + "/conditions",
          "list at least one condition: until (a metric), sql, probe, file or timeOfDay");
    }
    for (Map.Entry<String, MetricSource> e : h.metrics().entrySet()) {
      WatchChecks.metricSource(
          doc, plan, ptr + "/metrics/" + e.getKey(), e.getKey(), e.getValue(), problems);
    }
    Set<String> named = new HashSet<>();
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < h.conditions().size(); i++) {
      HoldCondition c = h.conditions().get(i);
      String p = ptr + "/conditions/" + i;
      List<String> kinds = c.kinds();
      if (kinds.size() != 1) {
        add(
            p,
            (kinds.isEmpty()
                    ? "a condition needs one of"
                    : "a condition is one thing to check, not "
                        + String.join(" and ", kinds)
                        + ": give exactly one of")
                + " until (a metric), sql, probe, file or timeOfDay; list several conditions for"
                + " several things");
        continue;
      }
      if (!labels.add(c.label())) {
        add(p + "/name", "two conditions are called '" + c.label() + "': give each its own 'name'");
      }
      if (c.until() != null) {
        until(p + "/until", h, c.until(), named);
      } else if (c.sql() != null) {
        sql(p + "/sql", c.sql());
      } else if (c.probe() != null) {
        probe(p + "/probe", c.probe());
      } else if (c.file() != null) {
        if (c.file().path().isBlank()) {
          add(p + "/file/path", "give the file's path (relative to the plan's folder)");
        }
      } else {
        c.timeOfDay().problems().forEach(problem -> add(p + "/timeOfDay", problem));
      }
    }
    for (String metric : h.metrics().keySet()) {
      if (!named.contains(metric)) {
        add(
            ptr + "/metrics/" + metric,
            "no condition names the metric '"
                + metric
                + "': add {until: \""
                + metric
                + " == 0\"} (or another condition on it), or remove it");
      }
    }
    if (h.onDeadline() != TriggerAction.DECIDE
        && (h.decideWithin() != null || !h.deciders().isEmpty())) {
      add(
          ptr + "/onDeadline",
          "deciders and decideWithin belong to 'onDeadline: decide'; at the deadline this hold"
              + " rolls back");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < h.deciders().size(); i++) {
      Approver a = h.deciders().get(i);
      if (a.name() == null || a.name().isBlank()) {
        add(ptr + "/deciders/" + i, "a decider needs a name");
      } else if (!seen.add(a.name().trim().toLowerCase(Locale.ROOT))) {
        add(ptr + "/deciders/" + i, "'" + a.name() + "' is listed twice");
      }
    }
  }

  private void timing(String ptr, HoldStep h) {
    boolean ok =
        range(ptr + "/deadline", h.deadline())
            & range(ptr + "/interval", h.interval())
            & range(ptr + "/stableFor", h.stableFor())
            & range(ptr + "/decideWithin", h.decideWithin());
    if (!ok) {
      return;
    }
    long deadline = h.deadline().millis();
    long interval = h.interval().millis();
    if (h.stableFor() != null && interval > h.stableMillis()) {
      add(
          ptr + "/interval",
          "the interval ("
              + h.interval()
              + ") is longer than stableFor ("
              + h.stableFor()
              + "): a break shorter than the interval could go unseen; check at least once per"
              + " stableFor");
    }
    if (h.stableMillis() >= deadline) {
      add(
          ptr + "/stableFor",
          "stableFor ("
              + h.stableFor()
              + ") is not shorter than the deadline ("
              + h.deadline()
              + "): the conditions could never hold long enough before it");
    } else if (interval > deadline) {
      add(
          ptr + "/interval",
          "the interval (" + h.interval() + ") is longer than the deadline (" + h.deadline() + ")");
    }
    long checks = deadline / Math.max(1, interval);
    if (checks > HoldStep.MAX_CHECKS) {
      add(
          ptr + "/interval",
          "checking every "
              + h.interval()
              + " for up to "
              + h.deadline()
              + " takes "
              + checks
              + " checks; a hold takes at most "
              + HoldStep.MAX_CHECKS
              + " (each adds about a dozen events to the run's history):"
              + " check less often or shorten the deadline");
    }
  }

  private void until(String ptr, HoldStep h, String text, Set<String> named) {
    Condition c;
    try {
      c = Condition.parse(text);
    } catch (IllegalArgumentException e) {
      add(ptr, e.getMessage());
      return;
    }
    named.add(c.metric());
    if (!h.metrics().containsKey(c.metric())) {
      add(
          ptr,
          "no metric '"
              + c.metric()
              + "' in this hold's metrics"
              + Suggest.didYouMean(c.metric(), h.metrics().keySet())
              + (h.metrics().isEmpty()
                  ? ": declare it under the step's 'metrics', as a monitor's"
                  : ""));
    }
    if (c.kind() != Condition.Kind.THRESHOLD) {
      add(
          ptr,
          "a hold waits for a metric to reach a value, such as '"
              + c.metric()
              + " == 0' or '"
              + c.metric()
              + " < 5': baselines, 'growing' and 'failing' belong to monitor triggers (for a probe"
              + " that must pass, use 'probe')");
    } else if (c.forMillis() > 0) {
      add(
          ptr,
          "'"
              + text
              + "' says how long it must hold; in a hold that is the step's 'stableFor', for all"
              + " conditions together: remove the duration");
    }
  }

  private void sql(String ptr, SqlCondition q) {
    if (!plan.resources().databases().containsKey(q.database())) {
      add(
          ptr + "/database",
          "no database '"
              + q.database()
              + "' under resources.databases"
              + Suggest.didYouMean(q.database(), plan.resources().databases().keySet()));
    }
    if (q.query().isBlank()) {
      add(ptr + "/query", "give the query whose first value is compared with 'expect'");
    } else if (!READ_ONLY.matcher(q.query()).matches()) {
      add(
          ptr + "/query",
          "a hold only reads: write a query (SELECT or WITH ...); it runs on a read-only"
              + " connection");
    }
    String problem = q.problem();
    if (problem != null) {
      add(ptr + "/expect", problem);
    }
  }

  private void probe(String ptr, HttpProbe p) {
    if (!(p.url().startsWith("http://") || p.url().startsWith("https://"))) {
      add(ptr + "/url", "a probe URL starts with http:// or https://");
    }
    if (!p.method().equalsIgnoreCase("GET") && !p.method().equalsIgnoreCase("HEAD")) {
      add(ptr + "/method", "a hold only reads: a probe uses GET or HEAD, not " + p.method());
    }
    for (int j = 0; j < p.json().size(); j++) {
      String problem = JsonPaths.problem(p.json().get(j).path());
      if (problem != null) {
        add(ptr + "/json/" + j + "/path", problem);
      }
    }
  }

  private boolean range(String ptr, Span span) {
    if (span != null && (span.millis() <= 0 || span.millis() > MAX.millis())) {
      add(ptr, "'" + span + "' is out of range: give a duration above 0 and at most 30d");
      return false;
    }
    return true;
  }
}
