package io.cutover.activities.plan;

import io.cutover.activities.http.JsonPaths;
import io.cutover.activities.watch.Selector;
import io.cutover.activities.watch.Template;
import io.cutover.plan.Approver;
import io.cutover.plan.BaselineStep;
import io.cutover.plan.Checkpoint;
import io.cutover.plan.CommandMetric;
import io.cutover.plan.CommandStep;
import io.cutover.plan.Condition;
import io.cutover.plan.GateStep;
import io.cutover.plan.HttpJsonMetric;
import io.cutover.plan.LogMetric;
import io.cutover.plan.MemoryMetric;
import io.cutover.plan.MetricSource;
import io.cutover.plan.MonitorStep;
import io.cutover.plan.NotifyStep;
import io.cutover.plan.Plan;
import io.cutover.plan.ProbeMetric;
import io.cutover.plan.PromQlMetric;
import io.cutover.plan.PrometheusMetric;
import io.cutover.plan.RestartStep;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKinds;
import io.cutover.plan.Trigger;
import io.cutover.plan.TriggerAction;
import io.cutover.plan.Webhook;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Plan checks for watching and deciding: monitor windows (metrics, triggers, checkpoints),
 * baselines, notifications, gate quorums and canary restarts. Called by {@link PlanValidator}.
 */
final class WatchChecks {
  private static final long MAX_SAMPLES = 200_000;
  private final PlanDocument doc;
  private final Plan plan;
  private final List<PlanProblem> problems;

  private WatchChecks(PlanDocument doc, Plan plan, List<PlanProblem> problems) {
    this.doc = doc;
    this.plan = plan;
    this.problems = problems;
  }

  /**
   * Checks one step of a kind this class knows; {@code nested} validates a checkpoint's steps the
   * way the plan's own steps are validated (ids included).
   */
  static void step(
      PlanDocument doc,
      Plan plan,
      String ptr,
      Step s,
      List<PlanProblem> problems,
      BiConsumer<String, Step> nested) {
    WatchChecks w = new WatchChecks(doc, plan, problems);
    if (s instanceof MonitorStep m) {
      w.monitor(ptr, m, nested);
    } else if (s instanceof BaselineStep b) {
      w.baseline(ptr, b);
    } else if (s instanceof NotifyStep n) {
      if (n.url() == null && plan.hooks().isEmpty()) {
        w.add(
            ptr + "/url",
            "give 'url', or declare webhooks under the plan's 'notify' for this message to go to");
      }
      if (n.url() != null) {
        w.url(ptr + "/url", n.url());
      }
      w.template(ptr + "/body", n.body());
    } else if (s instanceof GateStep g) {
      w.quorum(ptr, g);
    } else if (s instanceof RestartStep r) {
      w.restart(ptr, r);
    }
  }

  /** Plan-wide checks: the {@code notify} hooks. */
  static void plan(PlanDocument doc, Plan plan, List<PlanProblem> problems) {
    WatchChecks w = new WatchChecks(doc, plan, problems);
    for (int i = 0; i < plan.hooks().size(); i++) {
      Webhook h = plan.hooks().get(i);
      String ptr = "/notify/" + i;
      w.url(ptr + "/url", h.url());
      for (int j = 0; j < h.on().size(); j++) {
        if (!Webhook.EVENTS.contains(h.on().get(j))) {
          w.add(
              ptr + "/on/" + j,
              "unknown event '"
                  + h.on().get(j)
                  + "'"
                  + Suggest.didYouMean(h.on().get(j), Webhook.EVENTS)
                  + " (events: "
                  + String.join(", ", Webhook.EVENTS)
                  + ")");
        }
      }
      w.template(ptr + "/body", h.body());
    }
  }

  private void add(String pointer, String message) {
    problems.add(doc.problem(pointer, message));
  }

  /** Checks one metric source the way a monitor's are checked (a hold's {@code metrics} too). */
  static void metricSource(
      PlanDocument doc,
      Plan plan,
      String ptr,
      String name,
      MetricSource s,
      List<PlanProblem> problems) {
    new WatchChecks(doc, plan, problems).metric(ptr, name, s);
  }

  private void monitor(String ptr, MonitorStep m, BiConsumer<String, Step> nested) {
    positive(ptr + "/window", m.window());
    positive(ptr + "/interval", m.interval());
    positive(ptr + "/nominal", m.nominal());
    positive(ptr + "/decideWithin", m.decideWithin());
    if (m.interval().millis() > m.window().millis()) {
      add(
          ptr + "/interval",
          "the interval (" + m.interval() + ") is longer than the window (" + m.window() + ")");
    } else if (m.interval().millis() > 0
        && m.window().millis() / m.interval().millis() > MAX_SAMPLES) {
      add(
          ptr + "/interval",
          "a "
              + m.window()
              + " window sampled every "
              + m.interval()
              + " takes more than "
              + MAX_SAMPLES
              + " samples: sample less often");
    }
    if (m.metrics().isEmpty()) {
      add(
          ptr + "/metrics",
          "list at least one metric: name: {type: prometheus|http|promql|log|command|memory|probe,"
              + " ...}");
    }
    for (Map.Entry<String, MetricSource> e : m.metrics().entrySet()) {
      metric(ptr + "/metrics/" + e.getKey(), e.getKey(), e.getValue());
    }
    approvers(ptr + "/deciders", m.deciders());
    Set<String> names = new HashSet<>();
    boolean hasBaseline = baselineBefore(m.id());
    for (int i = 0; i < m.triggers().size(); i++) {
      trigger(ptr + "/triggers/" + i, m, m.triggers().get(i), names, hasBaseline);
    }
    Set<String> cps = new HashSet<>();
    for (int i = 0; i < m.checkpoints().size(); i++) {
      Checkpoint c = m.checkpoints().get(i);
      String p = ptr + "/checkpoints/" + i;
      if (!cps.add(c.name())) {
        add(p + "/name", "checkpoint '" + c.name() + "' is listed twice");
      }
      positive(p + "/at", c.at());
      long written = m.nominal() != null ? m.nominal().millis() : m.window().millis();
      if (c.at().millis() > written) {
        add(
            p + "/at",
            "checkpoint '"
                + c.name()
                + "' at "
                + c.at()
                + " is after the end of the "
                + (m.nominal() != null ? "nominal " + m.nominal() : m.window())
                + " window");
      }
      if (c.steps().isEmpty()) {
        add(
            p + "/steps",
            "list what runs at the checkpoint: validate, command, health, gate (a sign-off) or"
                + " notify steps");
      }
      for (int j = 0; j < c.steps().size(); j++) {
        Step s = c.steps().get(j);
        String sp = p + "/steps/" + j;
        nested.accept(sp, s);
        if (!s.kind().can(StepKind.Capability.CHECKPOINT)) {
          add(
              sp,
              "a '"
                  + s.type()
                  + "' step cannot run at a checkpoint (allowed: "
                  + StepKinds.namesWith(StepKind.Capability.CHECKPOINT)
                  + ")");
        } else if (s instanceof CommandStep cmd && !cmd.undo().isEmpty()) {
          add(sp + "/undo", "a checkpoint command changes nothing to undo: remove 'undo'");
        }
      }
    }
  }

  private void trigger(
      String ptr, MonitorStep m, Trigger t, Set<String> names, boolean hasBaseline) {
    Condition c;
    try {
      c = t.condition();
    } catch (IllegalArgumentException e) {
      add(ptr + "/when", e.getMessage());
      return;
    }
    if (!names.add(t.label())) {
      add(ptr + "/name", "two triggers are called '" + t.label() + "': give each a 'name'");
    }
    if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,60}", t.label())) {
      add(
          ptr + "/name",
          "trigger name '"
              + t.label()
              + "' becomes part of a gate id: use letters, digits, '.', '_' and '-'");
    }
    MetricSource source = m.metrics().get(c.metric());
    if (source == null) {
      add(
          ptr + "/when",
          "no metric '"
              + c.metric()
              + "' in this monitor's metrics"
              + Suggest.didYouMean(c.metric(), m.metrics().keySet()));
      return;
    }
    if (c.kind() == Condition.Kind.BASELINE && !hasBaseline) {
      add(
          ptr + "/when",
          "'"
              + t.when()
              + "' compares with a baseline, but no earlier baseline step captures one for '"
              + m.id()
              + "': add {type: baseline, monitor: "
              + m.id()
              + "} before the switch");
    }
    if (c.kind() == Condition.Kind.FAILING && !(source instanceof ProbeMetric)) {
      add(
          ptr + "/when",
          "'failing' watches a probe metric ({type: probe, url: ...}); '"
              + c.metric()
              + "' is not one");
    }
    if (c.kind() == Condition.Kind.GROWTH
        && (source instanceof LogMetric || source instanceof ProbeMetric)) {
      add(
          ptr + "/when",
          "'growing' watches a level such as memory; '" + c.metric() + "' counts lines or health");
    }
    if (c.kind() != Condition.Kind.GROWTH && t.over() != null) {
      add(
          ptr + "/over",
          "'over' is the span a 'growing' condition is measured over; this condition does not"
              + " grow");
    }
    positive(ptr + "/over", t.over());
    positive(ptr + "/decideWithin", t.decideWithin());
    if (t.action() != TriggerAction.DECIDE
        && (t.decideWithin() != null || !t.deciders().isEmpty())) {
      add(ptr + "/action", "decideWithin and deciders belong to 'action: decide' triggers");
    }
    approvers(ptr + "/deciders", t.deciders());
    if (c.forMillis() > (m.nominal() != null ? m.nominal() : m.window()).millis()) {
      add(
          ptr + "/when",
          "'" + t.when() + "' must hold longer than the window lasts: it could never fire");
    }
  }

  private boolean baselineBefore(String monitorId) {
    for (Step s : plan.steps()) {
      if (s.id().equals(monitorId)) {
        return false;
      }
      if (s instanceof BaselineStep b && b.monitor().equals(monitorId)) {
        return true;
      }
    }
    return false;
  }

  private void metric(String ptr, String name, MetricSource s) {
    if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_.-]*", name)) {
      add(
          ptr,
          "metric name '"
              + name
              + "' is used in trigger conditions: use letters, digits, '_', '.' and '-', starting"
              + " with a letter");
    }
    if (s instanceof HttpJsonMetric h) {
      url(ptr + "/url", h.url());
      jsonPath(ptr + "/path", h.path());
      unit(ptr + "/unit", h.unit());
    } else if (s instanceof PrometheusMetric p) {
      url(ptr + "/url", p.url());
      selector(ptr + "/select", p.select());
      if (p.per() != null) {
        selector(ptr + "/per", p.per());
      }
      if (p.quantile() != null && (p.quantile() <= 0 || p.quantile() >= 1)) {
        add(ptr + "/quantile", "a quantile is between 0 and 1, e.g. 0.95 for p95");
      }
      if (p.quantile() != null && p.per() != null) {
        add(
            ptr + "/per",
            "'per' makes a ratio of two counters; 'quantile' reads a histogram: not both");
      }
    } else if (s instanceof PromQlMetric q) {
      url(ptr + "/url", q.url());
      if (q.query().isBlank()) {
        add(ptr + "/query", "give the PromQL query");
      }
      unit(ptr + "/unit", q.unit());
    } else if (s instanceof LogMetric l) {
      if (l.patterns().isEmpty()) {
        add(ptr + "/patterns", "list the patterns to count, e.g. [ERROR, CRITICAL]");
      }
      patterns(ptr + "/patterns", l.patterns());
    } else if (s instanceof CommandMetric c) {
      if (c.argv().isEmpty()) {
        add(ptr + "/argv", "argv is empty: give the program and its arguments as a list");
      }
      patterns(ptr + "/patterns", c.patterns());
      unit(ptr + "/unit", c.unit());
    } else if (s instanceof MemoryMetric mem) {
      if ((mem.pid() == null) == (mem.pidFile() == null)) {
        add(ptr, "give the process as either 'pid' or 'pidFile'");
      }
    } else if (s instanceof ProbeMetric pr) {
      url(ptr + "/url", pr.url());
      for (int i = 0; i < pr.json().size(); i++) {
        jsonPath(ptr + "/json/" + i + "/path", pr.json().get(i).path());
      }
    }
  }

  private void baseline(String ptr, BaselineStep b) {
    positive(ptr + "/duration", b.duration());
    positive(ptr + "/interval", b.interval());
    if (b.interval().millis() > b.duration().millis()) {
      add(ptr + "/interval", "sample at least twice: the interval is longer than the duration");
    }
    Step target = plan.step(b.monitor()).orElse(null);
    if (!(target instanceof MonitorStep m)) {
      add(
          ptr + "/monitor",
          "no monitor step '"
              + b.monitor()
              + "' in the plan's steps"
              + Suggest.didYouMean(
                  b.monitor(),
                  plan.steps().stream()
                      .filter(x -> x instanceof MonitorStep)
                      .map(Step::id)
                      .toList()));
      return;
    }
    if (plan.steps().indexOf(target) < plan.steps().indexOf(b)) {
      add(
          ptr + "/monitor",
          "the baseline of '"
              + m.id()
              + "' must be captured before it runs (before the switch): move this step up");
    }
    for (int i = 0; i < b.metrics().size(); i++) {
      if (!m.metrics().containsKey(b.metrics().get(i))) {
        add(
            ptr + "/metrics/" + i,
            "'"
                + m.id()
                + "' has no metric '"
                + b.metrics().get(i)
                + "'"
                + Suggest.didYouMean(b.metrics().get(i), m.metrics().keySet()));
      }
    }
  }

  private void quorum(String ptr, GateStep g) {
    if (g.quorum() == null) {
      if (!g.roles().isEmpty()) {
        add(ptr + "/roles", "required roles need a quorum: add 'quorum: all' or 'quorum: N'");
      }
      return;
    }
    if (g.approvers().isEmpty()) {
      add(
          ptr + "/quorum",
          "a quorum counts listed approvers: list them under 'approvers' ({name, role})");
      return;
    }
    if (!g.quorum().all() && g.quorum().count() > g.approvers().size()) {
      add(
          ptr + "/quorum",
          "quorum "
              + g.quorum().count()
              + " needs more approvals than the "
              + g.approvers().size()
              + " approvers listed");
    }
    for (int i = 0; i < g.roles().size(); i++) {
      String role = g.roles().get(i);
      if (g.approvers().stream()
          .noneMatch(a -> a.role() != null && a.role().trim().equalsIgnoreCase(role.trim()))) {
        add(ptr + "/roles/" + i, "no approver has the role '" + role + "'");
      }
    }
  }

  private void restart(String ptr, RestartStep r) {
    if (r.batch() != null && r.batch() < 1) {
      add(ptr + "/batch", "a batch restarts at least 1 instance");
    }
    if (r.canary() != null) {
      positive(ptr + "/canary/soak", r.canary().soak());
      positive(ptr + "/canary/interval", r.canary().interval());
      for (int i = 0; i < r.canary().checks().size(); i++) {
        url(ptr + "/canary/checks/" + i + "/url", r.canary().checks().get(i).url());
      }
    }
  }

  private void approvers(String ptr, List<Approver> approvers) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < approvers.size(); i++) {
      String n = approvers.get(i).name();
      if (n == null || n.isBlank()) {
        add(ptr + "/" + i, "a decider needs a name");
      } else if (!seen.add(n.trim().toLowerCase(Locale.ROOT))) {
        add(ptr + "/" + i, "'" + n + "' is listed twice");
      }
    }
  }

  private void template(String ptr, Object body) {
    if (body != null
        && !(body instanceof String)
        && !(body instanceof Map)
        && !(body instanceof List)) {
      add(ptr, "a body is a map (or JSON text) whose strings may hold ${hook.field} placeholders");
      return;
    }
    for (String u : Template.unknown(body)) {
      add(
          ptr,
          "unknown placeholder "
              + u
              + Suggest.didYouMean(Template.fieldOf(u), Template.FIELDS)
              + " (fields: "
              + String.join(", ", Template.FIELDS)
              + ")");
    }
  }

  private void url(String ptr, String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      add(ptr, "a URL starts with http:// or https://");
    }
  }

  private void jsonPath(String ptr, String path) {
    String problem = JsonPaths.problem(path);
    if (problem != null) {
      add(ptr, problem);
    }
  }

  private void selector(String ptr, String text) {
    try {
      Selector.parse(text);
    } catch (IllegalArgumentException e) {
      add(ptr, e.getMessage());
    }
  }

  private void patterns(String ptr, List<String> patterns) {
    for (int i = 0; i < patterns.size(); i++) {
      try {
        Pattern.compile(patterns.get(i));
      } catch (PatternSyntaxException e) {
        add(ptr + "/" + i, "not a regular expression: " + e.getDescription());
      }
    }
  }

  private void unit(String ptr, String unit) {
    if (unit != null
        && !List.of(
                "ratio", "percent", "%", "ms", "s", "seconds", "bytes", "KB", "MB", "GB", "KiB",
                "MiB", "GiB", "count", "number")
            .contains(unit)) {
      add(
          ptr,
          "unknown unit '"
              + unit
              + "' (ratio, percent, ms, s, bytes, KB, MB, GB, KiB, MiB, GiB, count)");
    }
  }

  private void positive(String ptr, Span span) {
    if (span != null && span.millis() <= 0) {
      add(ptr, "'" + span + "' must be above 0");
    }
  }
}
