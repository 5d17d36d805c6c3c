package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.plan.PlanProblem;
import io.cutover.activities.support.Json;
import io.cutover.testing.Examples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover plan check --output json}: one JSON document for a good plan and for every plan of
 * the bad-plans corpus.
 */
class PlanCheckOutputTest {
  static final Path CORPUS = Examples.root().resolve("activities/src/test/resources/bad-plans");

  @TempDir Path tmp;

  record Result(int code, String out, String err) {
    JsonNode json() throws Exception {
      return Json.MAPPER.readTree(out);
    }
  }

  static Result cutover(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = CutoverCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aGoodPlanIsValidWithWhatItWouldRun() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Result r = cutover("plan", "check", plan.toString(), "--output", "json");
    assertEquals(0, r.code(), r::err);
    assertEquals("", r.err());
    JsonNode j = r.json();
    assertTrue(j.get("valid").asBoolean(), r::out);
    assertEquals(plan.toString(), j.get("file").asText());
    assertEquals(0, j.get("problems").size());
    JsonNode p = j.get("plan");
    assertEquals("oApp canonical hierarchy rebuild", p.get("name").asText());
    assertEquals("cutover-oapp-production", p.get("workflowId").asText());
    List<String> steps = new ArrayList<>();
    p.get("steps").forEach(s -> steps.add(s.get("id").asText() + ":" + s.get("type").asText()));
    assertTrue(steps.contains("truncate-canonical:truncate"), steps::toString);
    assertTrue(steps.contains("go-no-go:gate"), steps::toString);
    assertTrue(p.get("rollback").size() > 0, r::out);

    Result alias = cutover("plan", "check", plan.toString(), "--json");
    assertEquals(0, alias.code(), alias::err);
    assertEquals(j, alias.json(), "--json is the same as --output json");
    assertTrue(
        cutover("plan", "check", plan.toString()).out().contains(": OK — "),
        "text stays the default");
  }

  @Test
  void aBadPlanIsInvalidWithEveryProblemLocated() throws Exception {
    Path plan = CORPUS.resolve("28-undefined-database.yaml");
    Result r = cutover("plan", "check", plan.toString(), "-o", "json");
    assertEquals(2, r.code(), r::out);
    assertEquals("", r.err(), "the problems are in the document, not on stderr");
    JsonNode j = r.json();
    assertEquals(false, j.get("valid").asBoolean());
    assertTrue(j.get("plan").isNull(), r::out);
    JsonNode first = j.get("problems").get(0);
    assertEquals(
        "28-undefined-database.yaml", Path.of(first.get("file").asText()).getFileName().toString());
    assertTrue(first.get("line").asInt() > 0 && first.get("column").asInt() > 0, r::out);
    assertEquals("steps[0] (v).database", first.get("path").asText());
    assertTrue(
        first
            .get("message")
            .asText()
            .contains("no database 'ap' under resources.databases — did you mean 'app'?"),
        r::out);
  }

  /**
   * Every corpus plan: exit 2, valid false, and its expected errors in the problems
   * (file:line:column unless # noline).
   */
  @Test
  void everyPlanOfTheBadPlansCorpusIsInvalidInJson() throws Exception {
    List<Path> plans;
    try (Stream<Path> s = Files.list(CORPUS)) {
      plans =
          s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    assertTrue(plans.size() >= 50, "the corpus: " + plans.size());
    for (Path plan : plans) {
      Path sidecar = Path.of(plan + ".expect");
      String header = Files.exists(sidecar) ? Files.readString(sidecar) : Files.readString(plan);
      List<String> args =
          new ArrayList<>(List.of("plan", "check", plan.toString(), "--output", "json"));
      List<String> expected = new ArrayList<>();
      boolean noline = false;
      for (String line : header.split("\n")) {
        if (line.startsWith("# expect: ")) {
          expected.add(line.substring("# expect: ".length()));
        } else if (line.startsWith("# vars: ")) {
          args.addAll(List.of("--var", line.substring("# vars: ".length())));
        } else if (line.equals("# noline")) {
          noline = true;
        }
      }
      Result r = cutover(args.toArray(String[]::new));
      String name = plan.getFileName().toString();
      assertEquals(2, r.code(), () -> name + ": " + r.out() + r.err());
      JsonNode j = r.json();
      assertEquals(false, j.get("valid").asBoolean(), name);
      List<PlanProblem> problems =
          Json.MAPPER.convertValue(j.get("problems"), new TypeReference<List<PlanProblem>>() {});
      assertTrue(!problems.isEmpty(), name);
      String rendered =
          problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n"));
      for (String want : expected) {
        assertTrue(
            rendered.contains(want), () -> name + ": expected «" + want + "» in:\n" + rendered);
      }
      if (!noline) {
        assertTrue(
            problems.stream().anyMatch(p -> p.line() > 0 && p.column() > 0),
            () -> name + ": no line and column in " + r.out());
      }
    }
  }

  @Test
  void jsonAndOutputTextTogetherIsAUsageError() throws Exception {
    Path plan = Examples.copy("oapp-canonical-rebuild", tmp);
    Result r = cutover("plan", "check", plan.toString(), "--json", "--output", "text");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--json is the deprecated alias of --output json"), r::err);
    Result bad = cutover("plan", "check", plan.toString(), "--output", "yaml");
    assertEquals(2, bad.code());
    assertTrue(
        bad.err()
            .contains(
                "Invalid value for option '--output': expected one of [text, json] (case-sensitive)"
                    + " but was 'yaml'"),
        bad::err);
    assertEquals("", bad.out());
  }
}
