package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.cli.CutoverCommand;
import io.cutover.testing.Examples;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment files agree with the program they run: every container command parses with the
 * real CLI, every environment variable is one Cutover or the Temporal client reads, images, ports
 * and addresses line up between the Dockerfile, Kubernetes and systemd. The compose file has
 * DeployComposeTest; the syntax of every file, DeploySyntaxTest; the dynamic config,
 * DynamicConfigTest; the namespace setup script, DeploySetupTest.
 */
class DeployFilesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path DEPLOY = Examples.root().resolve("deploy");
  static final String IMAGE = "cutover-worker";

  /** Read by the Temporal client's environment configuration (temporal-envconfig). */
  static final Set<String> TEMPORAL_ENV =
      Set.of(
          "TEMPORAL_ADDRESS",
          "TEMPORAL_NAMESPACE",
          "TEMPORAL_API_KEY",
          "TEMPORAL_PROFILE",
          "TEMPORAL_CONFIG_FILE",
          "TEMPORAL_TLS",
          "TEMPORAL_TLS_CLIENT_CERT_PATH",
          "TEMPORAL_TLS_CLIENT_KEY_PATH",
          "TEMPORAL_TLS_SERVER_CA_CERT_PATH",
          "TEMPORAL_TLS_SERVER_NAME");

  /** Read by the payload codec (worker/codec/CodecKeys). */
  static final Set<String> CODEC_ENV =
      Set.of(
          "CUTOVER_CODEC_KEY",
          "CUTOVER_CODEC_KEY_FILE",
          "CUTOVER_CODEC_KEY_ID",
          "CUTOVER_CODEC_OLD_KEYS");

  /**
   * Environment variables that the CLI's options default from, collected from the commands
   * themselves.
   */
  static Set<String> cliEnv() {
    Set<String> names = new TreeSet<>();
    Pattern env = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    List<CommandLine> todo = new ArrayList<>(List.of(new CommandLine(new CutoverCommand())));
    while (!todo.isEmpty()) {
      CommandSpec spec = todo.remove(0).getCommandSpec();
      for (OptionSpec o : spec.options()) {
        // The annotation's own text: the spec holds the default already resolved against this
        // environment.
        String raw =
            o.userObject() instanceof Field f && f.isAnnotationPresent(CommandLine.Option.class)
                ? f.getAnnotation(CommandLine.Option.class).defaultValue()
                : null;
        if (raw != null) {
          Matcher m = env.matcher(raw);
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      }
      todo.addAll(spec.subcommands().values());
    }
    return names;
  }

  static Set<String> known() {
    Set<String> all = new HashSet<>(cliEnv());
    all.addAll(TEMPORAL_ENV);
    all.addAll(CODEC_ENV);
    return all;
  }

  /** Parses args with the real command line; returns the subcommand's name. */
  static String parse(List<String> args) {
    CommandLine.ParseResult r =
        new CommandLine(new CutoverCommand()).parseArgs(args.toArray(String[]::new));
    assertTrue(r.hasSubcommand(), () -> "no subcommand in " + args);
    return r.subcommand().commandSpec().name();
  }

  static List<JsonNode> docs(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      while (it.hasNext()) {
        out.add((JsonNode) it.next());
      }
    }
    return out;
  }

  static String repository(String image) {
    String noTag = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
    return noTag.substring(noTag.lastIndexOf('/') + 1);
  }

  @Test
  void theCliReadsTheVariablesTheFilesSet() {
    assertTrue(
        cliEnv().containsAll(Set.of("CUTOVER_HOST", "CUTOVER_METRICS_PORT", "CUTOVER_LOG_FORMAT")),
        cliEnv()::toString);
  }

  static String dockerfileExpose() throws Exception {
    Matcher m =
        Pattern.compile("(?m)^EXPOSE (\\d+)")
            .matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
    assertTrue(m.find(), "the Dockerfile exposes the metrics port");
    return m.group(1);
  }

  @Test
  void dockerfileRunsTheJarAsTheCli() throws Exception {
    String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertTrue(
        docker.contains(
            "ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"java\", \"-jar\","
                + " \"/opt/cutover/cutover.jar\"]"),
        docker);
    Matcher cmd = Pattern.compile("(?m)^CMD (\\[.*])").matcher(docker);
    assertTrue(cmd.find());
    assertEquals("worker", parse(YAML.readValue(cmd.group(1), List.class)));
    Matcher env = Pattern.compile("(?m)^ENV (.*)$").matcher(docker);
    while (env.find()) {
      for (String kv : env.group(1).trim().split("\\s+")) {
        assertTrue(known().contains(kv.substring(0, kv.indexOf('='))), kv);
      }
    }
  }

  /** The run stage: from the last FROM on. */
  static String runStage() throws Exception {
    String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
    return docker.substring(docker.lastIndexOf("\nFROM "));
  }

  @Test
  void theImageRunsUnderTiniAsANonRootUserOwningItsVolume() throws Exception {
    String run = runStage();
    // tini as PID 1, installed in the run stage from the distribution's packages.
    List<String> runs =
        List.of(run.replace("\\\n", " ").split("\n")).stream()
            .filter(l -> l.startsWith("RUN "))
            .toList();
    assertTrue(
        runs.stream().anyMatch(r -> r.matches(".*apt-get install .*\\btini\\b.*")), runs::toString);
    Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(run);
    assertTrue(user.find(), "the run stage names its user");
    // Numeric, so that the kubelet can check runAsNonRoot; the uid the manifests and the chart run
    // as.
    assertEquals(PodSecurity.UID + ":" + PodSecurity.UID, user.group(1));
    assertTrue(
        run.contains("--uid " + PodSecurity.UID + " ")
            && run.contains("--gid " + PodSecurity.UID + " "),
        run);
    Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(run);
    assertTrue(workdir.find());
    assertEquals("/srv/cutover", workdir.group(1));
    assertTrue(
        run.contains("--home-dir /srv/cutover ")
            && run.contains("chown cutover:cutover /srv/cutover"),
        "the user's home, where the plans volume goes, is its own: " + run);
    assertTrue(
        run.indexOf("chown cutover:cutover") < run.indexOf("USER "),
        "chown runs as root, before USER");
  }

  /** A .dockerignore pattern as a regular expression over slash-separated relative paths. */
  static Pattern dockerignorePattern(String pattern) {
    String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (p.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 2;
      } else if (p.startsWith("**", i)) {
        re.append(".*");
        i++;
      } else if (ch == '*') {
        re.append("[^/]*");
      } else if (ch == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /**
   * Whether docker leaves {@code path} out of the context: the last pattern matching it or a parent
   * decides.
   */
  static boolean dockerIgnores(List<String> patterns, String path) {
    boolean ignored = false;
    for (String raw : patterns) {
      boolean keep = raw.startsWith("!");
      Pattern p = dockerignorePattern(keep ? raw.substring(1) : raw);
      String prefix = path;
      boolean matches = false;
      while (!matches && !prefix.isEmpty()) {
        matches = p.matcher(prefix).matches();
        prefix = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
      }
      if (matches) {
        ignored = !keep;
      }
    }
    return ignored;
  }

  @Test
  void dockerignoreKeepsWhatTheBuildNeedsAndNothingSecret() throws Exception {
    Path root = Examples.root();
    List<String> patterns =
        Files.readAllLines(root.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    // The build stage: ./mvnw package of the modules the root pom lists.
    List<String> needed =
        new ArrayList<>(List.of("mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties"));
    Matcher module =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(root.resolve("pom.xml")));
    while (module.find()) {
      Path dir = root.resolve(module.group(1));
      needed.add(module.group(1) + "/pom.xml");
      try (var files = Files.walk(dir.resolve("src"))) {
        files
            .filter(Files::isRegularFile)
            .forEach(f -> needed.add(root.relativize(f).toString().replace('\\', '/')));
      }
    }
    assertTrue(needed.size() > 50, needed::toString);
    for (String f : needed) {
      assertFalse(
          dockerIgnores(patterns, f),
          () -> f + " is needed by the image's build but .dockerignore leaves it out");
    }
    for (String f :
        List.of(
            ".git/HEAD",
            ".tools/bin/helm",
            ".tools/temporal-cli-1.9.1/bin/temporal",
            "worker/target/cutover.jar",
            "workflows/target/classes/x.class",
            "deploy/secrets/codec.key",
            "examples/oapp-canonical-rebuild/work/run.db",
            "examples/sqlite-to-postgres/records/r.json",
            ".idea/workspace.xml")) {
      assertTrue(dockerIgnores(patterns, f), () -> f + " should stay out of the build context");
    }
    assertTrue(
        dockerIgnores(List.of("**/target", "!keep/target"), "a/b/target/c")
            && !dockerIgnores(List.of("**/target", "!keep/target"), "keep/target/c"),
        "the matcher itself: ** and exceptions");
  }

  @Test
  void kubernetesWorkersMatchTheCliAndTheirOwnPorts() throws Exception {
    Map<String, JsonNode> workloads = new HashMap<>();
    List<JsonNode> services = new ArrayList<>();
    List<JsonNode> budgets = new ArrayList<>();
    for (String file : List.of("worker.yaml", "worker-per-host.yaml")) {
      for (JsonNode d : docs(DEPLOY.resolve("kubernetes").resolve(file))) {
        assertTrue(
            d.hasNonNull("apiVersion")
                && d.hasNonNull("kind")
                && d.path("metadata").hasNonNull("name"),
            d::toString);
        switch (d.path("kind").asText()) {
          case "Deployment", "DaemonSet" ->
              workloads.put(d.path("metadata").path("name").asText(), d);
          case "Service" -> services.add(d);
          case "PodDisruptionBudget" -> budgets.add(d);
          default -> {}
        }
      }
    }
    assertEquals(Set.of("cutover-worker", "cutover-host-worker"), workloads.keySet());
    for (JsonNode w : workloads.values()) {
      String name = w.path("metadata").path("name").asText();
      JsonNode template = w.path("spec").path("template");
      JsonNode labels = template.path("metadata").path("labels");
      w.path("spec")
          .path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              e ->
                  assertEquals(
                      e.getValue(),
                      labels.path(e.getKey()),
                      name + ": the selector matches the pods"));
      JsonNode c = template.path("spec").path("containers").get(0);
      assertEquals(IMAGE, repository(c.path("image").asText()), name);
      assertEquals("worker", parse(YAML.convertValue(c.path("args"), List.class)), name);
      Map<String, JsonNode> env = new HashMap<>();
      c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
      assertTrue(
          known().containsAll(env.keySet()), () -> name + ": unknown variables " + env.keySet());
      assertTrue(env.get("TEMPORAL_ADDRESS").path("value").asText().endsWith(":7233"), name);
      String metricsPort = env.get("CUTOVER_METRICS_PORT").path("value").asText();
      JsonNode port = c.path("ports").get(0);
      assertEquals("metrics", port.path("name").asText());
      assertEquals(
          metricsPort,
          port.path("containerPort").asText(),
          name + ": the metrics port the worker serves is the one declared");
      assertEquals(
          metricsPort,
          template.path("metadata").path("annotations").path("prometheus.io/port").asText(),
          name);
      assertEquals("metrics", c.path("readinessProbe").path("httpGet").path("port").asText(), name);
      assertEquals(
          "/metrics", c.path("readinessProbe").path("httpGet").path("path").asText(), name);
      assertTrue(
          template.path("spec").path("terminationGracePeriodSeconds").asInt() >= 30,
          name + ": time for running attempts to finish");
      Set<String> volumes = new HashSet<>();
      template.path("spec").path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
      c.path("volumeMounts")
          .forEach(
              m -> assertTrue(volumes.contains(m.path("name").asText()), name + ": mount " + m));
      // The per-host DaemonSet mounts the node's files (hostPath), the one thing outside the level;
      // its comment says so.
      Set<String> hostPath =
          w.path("kind").asText().equals("DaemonSet") ? Set.of("hostPath") : Set.of();
      assertEquals(
          List.of(),
          PodSecurity.violations(template.path("spec"), hostPath),
          name + ": restricted Pod Security Standard");
    }
    assertEquals(
        1,
        budgets.size(),
        "one PodDisruptionBudget, for the Deployment (drains leave DaemonSet pods alone)");
    JsonNode budget = budgets.get(0);
    assertEquals("policy/v1", budget.path("apiVersion").asText());
    JsonNode shared =
        workloads
            .get("cutover-worker")
            .path("spec")
            .path("template")
            .path("metadata")
            .path("labels");
    budget
        .path("spec")
        .path("selector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(
            e ->
                assertEquals(
                    e.getValue(), shared.path(e.getKey()), "the budget selects the workers' pods"));
    assertTrue(
        budget.path("spec").path("maxUnavailable").asInt() >= 1
            && budget.path("spec").path("maxUnavailable").asInt()
                < workloads.get("cutover-worker").path("spec").path("replicas").asInt(),
        "drains may evict a worker, never all of them at once: " + budget);
    JsonNode perHost =
        workloads
            .get("cutover-host-worker")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    JsonNode host = null;
    for (JsonNode e : perHost.path("env")) {
      if (e.path("name").asText().equals("CUTOVER_HOST")) {
        host = e;
      }
    }
    assertNotNull(host, "the per-host worker sets CUTOVER_HOST");
    assertEquals(
        "spec.nodeName", host.path("valueFrom").path("fieldRef").path("fieldPath").asText());
    assertFalse(services.isEmpty());
    for (JsonNode s : services) {
      JsonNode pods =
          workloads
              .get("cutover-worker")
              .path("spec")
              .path("template")
              .path("metadata")
              .path("labels");
      s.path("spec")
          .path("selector")
          .fields()
          .forEachRemaining(e -> assertEquals(e.getValue(), pods.path(e.getKey())));
      assertEquals("metrics", s.path("spec").path("ports").get(0).path("targetPort").asText());
    }
  }

  @Test
  void systemdUnitRunsTheWorkerForItsHost() throws Exception {
    String unit = Files.readString(DEPLOY.resolve("systemd/cutover-worker.service"));
    Matcher m =
        Pattern.compile("(?m)^ExecStart=\\S+ -jar /opt/cutover/cutover.jar (.*)$").matcher(unit);
    assertTrue(m.find(), unit);
    List<String> args = List.of(m.group(1).replace("${CUTOVER_HOST}", "db-1").split("\\s+"));
    assertEquals("worker", parse(args));
    assertTrue(args.contains("--host"));
    // The JVM exits with 143 on SIGTERM after its shutdown hook: a stop, not a failure.
    assertTrue(Pattern.compile("(?m)^SuccessExitStatus=.*\\b143\\b").matcher(unit).find(), unit);
    assertTrue(Pattern.compile("(?m)^KillSignal=SIGTERM$").matcher(unit).find(), unit);
  }
}
