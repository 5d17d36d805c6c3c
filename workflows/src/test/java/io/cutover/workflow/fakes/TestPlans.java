package io.cutover.workflow.fakes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cutover.api.CutoverInput;
import io.cutover.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plans for tests, written as YAML text and bound to the plan model the way the plan loader binds
 * them (Jackson, unknown keys refused), so the tests do not depend on the records' constructors.
 */
public final class TestPlans {
  /** The plan loader's binding settings (activities' PlanBinder.STRICT). */
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .build();

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * Where relative paths of test plans resolve; nothing is written there (activities are fakes).
   */
  public static final String BASE_DIR = "/nonexistent/cutover-test";

  private TestPlans() {}

  public static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and binds a YAML text to the plan model (throws on unknown keys). */
  public static Plan plan(String yaml) {
    return bind(tree(yaml)).withBaseDir(BASE_DIR);
  }

  /** Binds any JSON value (a YAML or JSON tree, or a map) to a model type. */
  public static <T> T bind(Object tree, Class<T> type) {
    try {
      return STRICT.treeToValue(STRICT.valueToTree(tree), type);
    } catch (IOException e) {
      throw new IllegalArgumentException("does not bind to " + type.getSimpleName() + ": " + e, e);
    }
  }

  static Plan bind(JsonNode tree) {
    return bind(tree, Plan.class);
  }

  /** The workflow input for a YAML plan, as {@code cutover start} sends it. */
  public static CutoverInput input(String yaml, boolean dryRun) {
    JsonNode tree = tree(yaml);
    bind(tree); // a typo in a test's plan fails here, in the test, not in the fake plan activity
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plan", STRICT.convertValue(tree, Map.class));
    m.put("baseDir", BASE_DIR);
    if (dryRun) {
      m.put("dryRun", true);
    }
    return new CutoverInput(m);
  }
}
