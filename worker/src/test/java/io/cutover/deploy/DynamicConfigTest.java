package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.testing.Ports;
import io.cutover.worker.DevServer;
import io.cutover.worker.DevServerOptions;
import io.cutover.worker.TemporalCli;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/dynamicconfig/*.yaml holds only keys the pinned Temporal server reads, each as a list of
 * {value, constraints} with a value of the type the server converts it to.
 */
class DynamicConfigTest {
  static final Path DIR = DeployFilesTest.DEPLOY.resolve("dynamicconfig");

  /**
   * Constraint names the server's YAML loader accepts (common/dynamicconfig/yaml_loader.go;
   * case-insensitive).
   */
  static final Set<String> CONSTRAINTS =
      Set.of(
          "namespace",
          "namespaceid",
          "taskqueuename",
          "tasktype",
          "historytasktype",
          "shardid",
          "destination",
          "chasmtasktype");

  /**
   * A key the server reads on every workflow start, given a value of the wrong type to show that
   * the check below sees it.
   */
  static final String CANARY = "limit.blobSize.warn";

  static final ObjectMapper STRICT_YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  /** Every file's keys with their values ({@code [{value, constraints}, ...]}). */
  static Map<String, JsonNode> settings() throws Exception {
    Map<String, JsonNode> all = new LinkedHashMap<>();
    for (Path f : files()) {
      JsonNode root = STRICT_YAML.readTree(f.toFile());
      assertTrue(root != null && root.isObject() && root.size() > 0, f + ": a map of keys");
      root.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue()));
    }
    return all;
  }

  /** The value that applies everywhere (empty or no constraints); else the first one. */
  static JsonNode unconstrained(JsonNode values) {
    for (JsonNode v : values) {
      if (v.path("constraints").isMissingNode() || v.path("constraints").isEmpty()) {
        return v.path("value");
      }
    }
    return values.get(0).path("value");
  }

  @Test
  void everyKeyIsOneThePinnedServerRegisters() throws Exception {
    assertFalse(files().isEmpty(), "deploy/dynamicconfig has a YAML file");
    Set<String> keys = settings().keySet();
    assertTrue(keys.contains("limit.maxIDLength"), keys::toString);
    // The binary holds the server of the version compose runs (DeployComposeTest checks that) and
    // with it the name of every setting the server registers.
    Set<String> missing = TemporalBinary.missing(keys);
    assertTrue(
        missing.isEmpty(),
        () -> "keys Temporal server " + versionOrUnknown() + " does not have: " + missing);
    assertEquals(
        Set.of("no.such.setting.cutover"),
        TemporalBinary.missing(List.of("no.such.setting.cutover", "limit.maxIDLength")),
        "the scan tells a key the server has from one it has not");
  }

  private static String versionOrUnknown() {
    try {
      return TemporalBinary.serverVersion();
    } catch (Exception e) {
      return "(unknown)";
    }
  }

  @Test
  void everyKeyHoldsAListOfValuesWithConstraintsTheServerKnows() throws Exception {
    for (Map.Entry<String, JsonNode> e : settings().entrySet()) {
      String key = e.getKey();
      JsonNode values = e.getValue();
      assertTrue(values.isArray() && values.size() > 0, key + ": a list of {value, constraints}");
      Set<String> seen = new HashSet<>();
      for (JsonNode v : values) {
        assertTrue(
            v.isObject() && v.has("value") && !v.path("value").isNull(),
            key + ": each entry has a value: " + v);
        v.fieldNames()
            .forEachRemaining(
                f ->
                    assertTrue(
                        Set.of("value", "constraints").contains(f), key + ": unknown field " + f));
        JsonNode c = v.path("constraints");
        assertTrue(c.isMissingNode() || c.isObject(), key + ": constraints is a map");
        c.fieldNames()
            .forEachRemaining(
                n ->
                    assertTrue(
                        CONSTRAINTS.contains(n.toLowerCase(Locale.ROOT)),
                        key + ": unknown constraint " + n));
        assertTrue(
            seen.add(c.isMissingNode() ? "{}" : c.toString()),
            key + ": two values for the same constraints " + c);
      }
    }
  }

  @Test
  void aDevServerRunsWithEveryValueAndConvertsEachToItsType(@TempDir Path dir) throws Exception {
    Map<String, JsonNode> settings = settings();
    assertFalse(settings.containsKey(CANARY), "the canary key is not one of ours");
    List<String> flags = new ArrayList<>(List.of("--log-level", "warn"));
    for (Map.Entry<String, JsonNode> e : settings.entrySet()) {
      flags.addAll(
          List.of(
              "--dynamic-config-value",
              e.getKey()
                  + "="
                  + new ObjectMapper().writeValueAsString(unconstrained(e.getValue()))));
    }
    flags.addAll(List.of("--dynamic-config-value", CANARY + "=\"not a number\""));
    int maxIdLength = unconstrained(settings.get("limit.maxIDLength")).asInt();

    DevServerOptions options =
        DevServerOptions.newBuilder()
            .setCli(TemporalCli.require())
            .setPort(Ports.free())
            .setUiPort(0)
            .setLogFile(dir.resolve("dev-server.log"))
            .setExtraArgs(flags)
            .build();
    try (DevServer server = DevServer.start(options, Duration.ofSeconds(60))) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      // Work that reads the settings: starts (ids, blob sizes) and the workflow list (visibility).
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      String tooLong = "c".repeat(maxIdLength + 1);
      Exception refused = assertThrows(Exception.class, () -> start(client, tooLong));
      assertTrue(
          String.valueOf(rootMessage(refused)).contains("exceeds maximum allowed length"),
          () -> "refused for its length: " + rootMessage(refused));
      WorkflowStub fits = start(client, "c".repeat(maxIdLength));
      stubs
          .blockingStub()
          .listWorkflowExecutions(
              ListWorkflowExecutionsRequest.newBuilder().setNamespace("default").build());
      fits.terminate("test over");
      stubs.shutdownNow();
    }

    String log = Files.readString(dir.resolve("dev-server.log"));
    List<String> warnings = log.lines().filter(l -> l.contains("Failed to convert value")).toList();
    assertTrue(
        warnings.stream().anyMatch(l -> l.contains("key=" + CANARY.toLowerCase(Locale.ROOT))),
        "the server reports a value it cannot convert (the canary): "
            + warnings.size()
            + " warnings");
    for (String key : settings.keySet()) {
      assertTrue(
          warnings.stream().noneMatch(l -> l.contains("key=" + key.toLowerCase(Locale.ROOT) + " ")),
          () ->
              key
                  + ": the server could not convert the value: "
                  + warnings.stream()
                      .filter(l -> l.contains(key.toLowerCase(Locale.ROOT)))
                      .findFirst()
                      .orElse(""));
    }
  }

  private static WorkflowStub start(WorkflowClient client, String id) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "CutoverDynamicConfigCheck",
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue("dynamic-config-check")
                .build());
    stub.start();
    return stub;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage();
  }
}
