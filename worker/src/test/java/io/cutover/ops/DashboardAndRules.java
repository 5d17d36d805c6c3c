package io.cutover.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard and Prometheus rules under deploy/observability, and the series they read.
 */
final class DashboardAndRules {
  /** Cutover's and the Temporal SDK's series all carry one of these prefixes. */
  private static final Pattern SERIES = Pattern.compile("\\b((?:cutover|temporal)_[a-z0-9_]+)\\b");

  private DashboardAndRules() {}

  static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("deploy/observability"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new AssertionError(
          "deploy/observability not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("deploy/observability");
  }

  static Path dashboardFile() {
    return dir().resolve("grafana-dashboard.json");
  }

  static Path rulesFile() {
    return dir().resolve("prometheus-rules.yaml");
  }

  /** Every PromQL expression of the dashboard's panels. */
  static List<String> dashboard() throws IOException {
    JsonNode d = new ObjectMapper().readTree(dashboardFile().toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : d.path("panels")) {
      for (JsonNode t : panel.path("targets")) {
        exprs.add(t.path("expr").asText());
      }
    }
    for (JsonNode v : d.path("templating").path("list")) {
      if (v.has("query") && v.path("query").isTextual()) {
        exprs.add(v.path("query").asText());
      } else if (v.path("query").has("query")) {
        exprs.add(v.path("query").path("query").asText());
      }
    }
    return exprs;
  }

  /** Every alert and recording rule's expression. */
  static List<String> rules() throws IOException {
    JsonNode r = new ObjectMapper(new YAMLFactory()).readTree(rulesFile().toFile());
    List<String> exprs = new ArrayList<>();
    for (JsonNode g : r.path("groups")) {
      for (JsonNode rule : g.path("rules")) {
        exprs.add(rule.path("expr").asText());
      }
    }
    return exprs;
  }

  static Set<String> seriesUsed(List<String> exprs) {
    Set<String> out = new TreeSet<>();
    for (String e : exprs) {
      Matcher m = SERIES.matcher(e);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
