package io.cutover.activities.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.LoadedPlan;
import io.cutover.activities.support.TextFiles;
import io.cutover.plan.Plan;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan — a YAML or JSON file, or the workflow input — substitutes variables, binds it to
 * the typed model and runs every check. Used by {@code cutover plan check}, by the CLI before it
 * starts a run, and by the workflow's first activity.
 */
public final class PlanLoader {
  /** Marker a tolerant data converter puts in place of an input that was not JSON. */
  public static final String UNDECODABLE = "__undecodableInput";

  private static final Set<String> ENVELOPE =
      Set.of("planFile", "plan", "baseDir", "vars", "dryRun", "rehearse");

  private PlanLoader() {}

  /** Reads and checks a plan file; its relative paths resolve against its folder. */
  public static LoadedPlan loadFile(Path file, Map<String, String> vars, boolean dryRun)
      throws PlanException {
    PlanDocument doc = read(file);
    return load(doc, file.toAbsolutePath().normalize().getParent().toString(), vars, dryRun);
  }

  /** Parses a plan file without checking it (for sending it to Temporal as a tree). */
  public static PlanDocument read(Path file) throws PlanException {
    String text;
    try {
      text = TextFiles.readUtf8(file);
    } catch (IOException e) {
      throw new PlanException(
          List.of(
              new PlanProblem(
                  file.toString(), 0, 0, "", "cannot read the plan file: " + e.getMessage())));
    }
    return PlanDocument.parse(file.toString(), text);
  }

  /**
   * Checks the workflow input: a plan, {@code {"planFile": ...}} or {@code {"plan": ..., "baseDir":
   * ...}}.
   */
  public static LoadedPlan loadInput(JsonNode input) throws PlanException {
    String source = "workflow input";
    if (input == null || input.isNull() || input.isMissingNode()) {
      throw single(
          source,
          "the workflow input is empty: send the plan as JSON, or {\"planFile\":"
              + " \"/path/to/plan.yaml\"}");
    }
    if (input.isObject() && input.has(UNDECODABLE)) {
      throw single(
          source,
          input.get(UNDECODABLE).asText()
              + " — send the plan as a JSON object, or {\"planFile\": \"/path/to/plan.yaml\"}");
    }
    if (!input.isObject()) {
      throw single(
          source,
          "the workflow input must be a JSON object: the plan itself, or {\"planFile\":"
              + " \"/path/to/plan.yaml\"}");
    }
    if (!input.has("planFile") && !input.has("plan")) {
      return load(PlanDocument.ofTree(source, input.deepCopy()), null, null, false);
    }
    List<PlanProblem> problems = new ArrayList<>();
    Iterator<String> names = input.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!ENVELOPE.contains(n)) {
        problems.add(
            new PlanProblem(
                source,
                0,
                0,
                n,
                "unknown key '"
                    + n
                    + "'"
                    + Suggest.didYouMean(n, ENVELOPE)
                    + " (allowed: planFile or plan, baseDir, vars, dryRun, rehearse)"));
      }
    }
    if (input.has("planFile") && input.has("plan")) {
      problems.add(new PlanProblem(source, 0, 0, "", "give either planFile or plan, not both"));
    }
    JsonNode dry = input.path("dryRun");
    if (!dry.isMissingNode() && !dry.isBoolean()) {
      problems.add(new PlanProblem(source, 0, 0, "dryRun", "dryRun is true or false"));
    }
    JsonNode rehearse = input.path("rehearse");
    if (!rehearse.isMissingNode() && !rehearse.isBoolean()) {
      problems.add(new PlanProblem(source, 0, 0, "rehearse", "rehearse is true or false"));
    }
    if (dry.asBoolean(false) && rehearse.asBoolean(false)) {
      problems.add(
          new PlanProblem(source, 0, 0, "rehearse", "a run is a dry run or a rehearsal, not both"));
    }
    Map<String, String> vars = new LinkedHashMap<>();
    JsonNode v = input.path("vars");
    if (!v.isMissingNode()) {
      if (!v.isObject()) {
        problems.add(new PlanProblem(source, 0, 0, "vars", "vars is a map of NAME: value"));
      } else {
        v.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
      }
    }
    JsonNode planFile = input.path("planFile");
    if (input.has("planFile") && (!planFile.isTextual() || planFile.asText().isBlank())) {
      problems.add(
          new PlanProblem(
              source, 0, 0, "planFile", "planFile is the path of a plan file on the worker"));
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    boolean dryRun = dry.asBoolean(false);
    if (input.has("planFile")) {
      Path file = Path.of(planFile.asText());
      if (!Files.exists(file)) {
        throw single(
            source,
            "plan file "
                + file.toAbsolutePath()
                + " does not exist on this worker ("
                + hostName()
                + ")");
      }
      return loadFile(file, vars, dryRun).withRehearse(rehearse.asBoolean(false));
    }
    String baseDir = input.path("baseDir").isTextual() ? input.get("baseDir").asText() : null;
    return load(PlanDocument.ofTree(source, input.get("plan").deepCopy()), baseDir, vars, dryRun)
        .withRehearse(rehearse.asBoolean(false));
  }

  static LoadedPlan load(PlanDocument doc, String baseDir, Map<String, String> vars, boolean dryRun)
      throws PlanException {
    List<PlanProblem> problems = new ArrayList<>();
    Vars.apply(doc, vars, problems);
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    Plan plan = PlanBinder.bind(doc, problems);
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    String base =
        baseDir != null
            ? baseDir
            : plan.baseDir() != null ? plan.baseDir() : Path.of("").toAbsolutePath().toString();
    plan = plan.withBaseDir(base);
    PlanValidator.validate(doc, plan, base, problems);
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new LoadedPlan(plan, dryRun, doc.name());
  }

  private static PlanException single(String source, String message) {
    return new PlanException(List.of(new PlanProblem(source, 0, 0, "", message)));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }
}
