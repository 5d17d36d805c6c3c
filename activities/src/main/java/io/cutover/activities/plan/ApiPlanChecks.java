package io.cutover.activities.plan;

import io.cutover.activities.http.JsonPaths;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.plan.ColumnMappingStep;
import io.cutover.plan.HostSpec;
import io.cutover.plan.HttpCall;
import io.cutover.plan.HttpStep;
import io.cutover.plan.Plan;
import io.cutover.plan.Span;
import io.cutover.plan.Step;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plan checks for hosts and for the steps that talk to HTTP APIs ({@code http}, {@code
 * column-mapping}); called from {@link PlanValidator}.
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

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Pattern SECRET_HEADER =
      Pattern.compile("(?i)authorization|.*token.*|.*api[-_]?key.*|cookie|.*secret.*");
  private static final Pattern CAPTURE =
      Pattern.compile("\\$\\{capture\\.([A-Za-z_][A-Za-z0-9_]*)}");

  private void run() {
    for (String list : List.of("steps", "rollback")) {
      List<Step> steps = list.equals("steps") ? plan.steps() : plan.rollback();
      for (int i = 0; i < steps.size(); i++) {
        String ptr = "/" + list + "/" + i;
        if (steps.get(i) instanceof HttpStep h) {
          http(ptr, h);
        } else if (steps.get(i) instanceof ColumnMappingStep c) {
          columns(ptr, c);
        }
      }
    }
    for (Map.Entry<String, HostSpec> e : plan.resources().hosts().entrySet()) {
      String ptr = "/resources/hosts/" + e.getKey();
      if (!NAME.matcher(e.getKey()).matches()) {
        add(
            ptr,
            "host '"
                + e.getKey()
                + "' names a task queue cutover-<host>: use letters, digits, '.', '_' and '-'");
      }
      Span wait = e.getValue().workerWait();
      if (wait.millis() < 1000 || wait.millis() > MAX_WAIT) {
        add(ptr + "/workerWait", "'" + wait + "' is out of range: give at least 1s and at most 1d");
      }
    }
  }

  private void http(String ptr, HttpStep h) {
    if (h.requests().isEmpty()) {
      add(ptr + "/requests", "list at least one request");
    }
    Set<String> captured = new HashSet<>();
    for (int i = 0; i < h.requests().size(); i++) {
      HttpCall c = h.requests().get(i);
      String p = ptr + "/requests/" + i;
      call(p, c, captured);
      captured.addAll(c.capture().keySet());
      if (c.undo() != null) {
        Set<String> own = new HashSet<>(captured);
        call(p + "/undo", c.undo(), own);
        if (c.undo().undo() != null) {
          add(p + "/undo/undo", "an undo request has no undo of its own");
        }
      }
    }
  }

  private void call(String ptr, HttpCall c, Set<String> captured) {
    if (!METHODS.contains(c.method())) {
      add(
          ptr + "/method",
          "unknown method '" + c.method() + "': use " + String.join(", ", new TreeSet<>(METHODS)));
    }
    url(ptr + "/url", c.url());
    headers(ptr + "/headers", c.headers());
    c.capture()
        .forEach(
            (name, path) -> {
              if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                add(
                    ptr + "/capture/" + name,
                    "capture names use letters, digits and _ (used as ${capture." + name + "})");
              }
              String problem = JsonPaths.problem(path);
              if (problem != null) {
                add(ptr + "/capture/" + name, problem);
              }
            });
    for (int j = 0; j < c.json().size(); j++) {
      String problem = JsonPaths.problem(c.json().get(j).path());
      if (problem != null) {
        add(ptr + "/json/" + j + "/path", problem);
      }
    }
    String text =
        c.url() + " " + c.headers().values() + " " + (c.body() == null ? "" : c.body().toString());
    Matcher m = CAPTURE.matcher(text);
    while (m.find()) {
      if (!captured.contains(m.group(1))) {
        add(
            ptr,
            "${capture."
                + m.group(1)
                + "} is not captured by this or an earlier request of the step: add capture: {"
                + m.group(1)
                + ": $.id} to the request that creates it");
      }
    }
  }

  private void columns(String ptr, ColumnMappingStep c) {
    url(ptr + "/url", c.url());
    headers(ptr + "/headers", c.headers());
    String problem = JsonPaths.problem(c.columnsPath());
    if (problem != null) {
      add(ptr + "/columnsPath", problem);
    }
    if (!Refs.hasReference(c.config())
        && !Files.isRegularFile(PlanPaths.resolve(baseDir, c.config()))) {
      add(
          ptr + "/config",
          "file not found: "
              + PlanPaths.resolve(baseDir, c.config())
              + " (paths are relative to the plan's folder)");
    }
    if (!c.mapping().matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      add(
          ptr + "/mapping",
          "give the mapping table as a dotted TOML path, e.g. monday.production.columns");
    }
  }

  private void url(String ptr, String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      add(ptr, "a URL starts with http:// or https://");
    }
  }

  private void headers(String ptr, Map<String, String> headers) {
    headers.forEach(
        (name, value) -> {
          if (SECRET_HEADER.matcher(name).matches() && value != null && !Refs.hasReference(value)) {
            add(
                ptr + "/" + name,
                "never write a credential into a plan: put it in an environment variable or a file"
                    + " on the worker and write ${env:NAME} or ${file:/path} (e.g. "
                    + name
                    + ": \"${env:API_TOKEN}\")");
          }
        });
  }
}
