package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cli.CutoverCommand;
import io.cutover.testing.Examples;
import io.cutover.worker.Tracing;
import io.cutover.worker.WorkerVersioning;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/helm/cutover-worker, linted and rendered by the pinned {@code helm} ({@code
 * tools/install-helm}, run here when the binary is missing; it waits for a build already under
 * way), every rendered document read back and checked for what an operator relies on: the
 * restricted Pod Security Standard, a disruption budget over the workers, metrics exposed and
 * annotated, the payload key from the named Secret, the plans volume, and container arguments that
 * the real {@code cutover} command line accepts. Helm only renders here: no cluster, no network.
 */
class DeployHelmTest {
  static final Path CHART = DeployFilesTest.DEPLOY.resolve("helm/cutover-worker");
  static final Duration RUN = Duration.ofMinutes(2);

  /**
   * A cold build compiles a few thousand Go packages; on a busy 2-core machine that took most of
   * this.
   */
  static final Duration INSTALL = Duration.ofMinutes(45);

  /**
   * Two host workers, one on a node and one on its own claim; ServiceMonitor; payload key; API key
   * and mTLS.
   */
  static final String OPERATOR_VALUES =
      """
      temporal:
        address: temporal-frontend.temporal.svc:7233
        namespace: cutover
        apiKeySecret: {name: cutover-temporal, key: api-key}
        tls: {enabled: true, secretName: cutover-temporal-tls, caKey: ca.crt, serverName: temporal.example.internal}
      codec:
        existingSecret: cutover-codec
      metrics:
        serviceMonitor:
          enabled: true
          labels: {release: prometheus}
      replicaCount: 3
      buildId: 2026-12-04.1
      otlpEndpoint: http://otel-collector.observability:4318
      hostWorkers:
        - name: db-1
          nodeName: db-1
        - name: billing-db
          existingClaim: billing-db-files
          tolerations: [{key: dedicated, operator: Equal, value: database, effect: NoSchedule}]
          resources: {requests: {cpu: 100m, memory: 384Mi}, limits: {memory: 768Mi}}
      """;

  @TempDir static Path dir;
  static Path helm;

  /** What one run of a program printed and how it ended. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /**
   * Runs a program with its output in files (no pipe to fill up); kills it and everything it
   * started when it outlives {@code limit}, so no process of this test survives it.
   */
  static Run run(Duration limit, Map<String, String> env, String... command) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            String.join(" ", command)
                + " did not end within "
                + limit
                + "; output:\n"
                + tail(Files.readString(out) + Files.readString(err)));
      }
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static String tail(String s) {
    return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
  }

  @BeforeAll
  static void installHelm() throws Exception {
    // Idempotent: prints the binary's path at once when the pinned version is there, waits on the
    // lock when another install-helm (CI, another test run) is building it.
    Run install = run(INSTALL, Map.of(), Examples.root().resolve("tools/install-helm").toString());
    assertEquals(0, install.exit(), () -> "tools/install-helm failed:\n" + tail(install.all()));
    List<String> lines = install.out().strip().lines().toList();
    helm = Path.of(lines.get(lines.size() - 1));
    assertTrue(
        Files.isExecutable(helm), () -> "tools/install-helm printed no binary: " + install.all());
  }

  /**
   * Helm with its configuration, cache and data in this test's folder, and no cluster to talk to.
   */
  static Run helm(String... args) throws Exception {
    Path home = Files.createDirectories(dir.resolve("helm-home"));
    Map<String, String> env =
        Map.of(
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString(),
            "KUBECONFIG", home.resolve("no-kubeconfig").toString());
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return run(RUN, env, command.toArray(String[]::new));
  }

  static Path values(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  /**
   * `helm template` of the chart as release `cutover-worker` (deploy/README.md's) in namespace
   * `cutover`: every document, by kind and name.
   */
  static Map<String, JsonNode> render(Path... valueFiles) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("template", "cutover-worker", CHART.toString(), "--namespace", "cutover"));
    for (Path v : valueFiles) {
      args.addAll(List.of("--values", v.toString()));
    }
    Run r = helm(args.toArray(String[]::new));
    assertEquals(0, r.exit(), () -> "helm template failed:\n" + r.all());
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    try (var it = DynamicConfigTest.STRICT_YAML.readerFor(JsonNode.class).readValues(r.out())) {
      while (it.hasNext()) {
        JsonNode d = (JsonNode) it.next();
        if (d == null || d.isNull() || d.isEmpty()) {
          continue;
        }
        assertTrue(
            d.hasNonNull("apiVersion")
                && d.hasNonNull("kind")
                && d.path("metadata").hasNonNull("name"),
            d::toString);
        String key = d.path("kind").asText() + "/" + d.path("metadata").path("name").asText();
        assertNull(docs.put(key, d), () -> "rendered twice: " + key);
      }
    }
    return docs;
  }

  static List<JsonNode> ofKind(Map<String, JsonNode> docs, String kind) {
    return docs.values().stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  /** Every label of {@code selector} is on {@code labels}. */
  static boolean selects(JsonNode selector, JsonNode labels) {
    boolean[] all = {selector.size() > 0};
    selector.fields().forEachRemaining(e -> all[0] &= e.getValue().equals(labels.path(e.getKey())));
    return all[0];
  }

  static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
    return env;
  }

  /**
   * What an operator checks on every worker Deployment; returns the host it serves (null: shared
   * only).
   */
  static String checkWorker(JsonNode w, Map<String, JsonNode> docs) {
    String name = w.path("metadata").path("name").asText();
    JsonNode template = w.path("spec").path("template");
    JsonNode pod = template.path("spec");
    JsonNode labels = template.path("metadata").path("labels");
    assertTrue(
        selects(w.path("spec").path("selector").path("matchLabels"), labels),
        name + ": the selector matches its pods");
    assertEquals(
        List.of(),
        PodSecurity.violations(pod, Set.of()),
        name + ": restricted Pod Security Standard");
    assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), name + ": no API token");
    assertTrue(
        pod.path("terminationGracePeriodSeconds").asInt() > 30,
        name + ": longer than the worker's 30 s for running attempts");

    assertEquals(1, pod.path("containers").size(), name);
    JsonNode c = pod.path("containers").get(0);
    assertEquals(DeployFilesTest.IMAGE, DeployFilesTest.repository(c.path("image").asText()), name);
    assertFalse(c.has("command"), name + ": the image's entrypoint (tini, java -jar) stays");
    // The real command line: an option the worker does not have fails here, as it would in the pod.
    List<String> args = new ArrayList<>();
    c.path("args").forEach(a -> args.add(a.asText()));
    CommandLine.ParseResult parsed =
        new CommandLine(new CutoverCommand()).parseArgs(args.toArray(String[]::new));
    assertTrue(parsed.hasSubcommand(), name + ": " + args);
    CommandLine.ParseResult worker = parsed.subcommand();
    assertEquals("worker", worker.commandSpec().name(), name + ": " + args);

    Map<String, JsonNode> env = env(c);
    assertTrue(
        DeployFilesTest.known().containsAll(env.keySet()),
        () -> name + ": variables nothing reads in " + env.keySet());
    assertTrue(env.get("TEMPORAL_ADDRESS").path("value").asText().endsWith(":7233"), name);
    assertNotNull(env.get("TEMPORAL_NAMESPACE"), name);
    assertFalse(
        env.containsKey("CUTOVER_HOST"), name + ": the host is the --host argument, checked above");

    // Metrics: the port the worker serves is the one declared, probed and annotated.
    Integer metricsPort = worker.matchedOptionValue("--metrics-port", null);
    assertNotNull(metricsPort, name + ": the worker serves metrics");
    String port = metricsPort.toString();
    JsonNode declared = c.path("ports").get(0);
    assertEquals("metrics", declared.path("name").asText(), name);
    assertEquals(port, declared.path("containerPort").asText(), name);
    JsonNode annotations = template.path("metadata").path("annotations");
    assertEquals("true", annotations.path("prometheus.io/scrape").asText(), name);
    assertEquals(port, annotations.path("prometheus.io/port").asText(), name);
    assertEquals("/metrics", annotations.path("prometheus.io/path").asText(), name);
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      assertEquals(
          "metrics", c.path(probe).path("httpGet").path("port").asText(), name + " " + probe);
      assertEquals(
          "/metrics", c.path(probe).path("httpGet").path("path").asText(), name + " " + probe);
    }

    // The plans volume: a claim that exists (rendered here) or is named on purpose, at
    // /srv/cutover.
    Map<String, JsonNode> volumes = new HashMap<>();
    pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
    c.path("volumeMounts")
        .forEach(
            m -> assertTrue(volumes.containsKey(m.path("name").asText()), name + ": mount " + m));
    JsonNode plansMount = null;
    for (JsonNode m : c.path("volumeMounts")) {
      if (m.path("mountPath").asText().equals("/srv/cutover")) {
        plansMount = m;
      }
    }
    assertNotNull(
        plansMount, name + ": the plans volume is mounted at /srv/cutover, the image user's home");
    assertFalse(
        plansMount.path("readOnly").asBoolean(false),
        name + ": records are written next to the plans");
    String claim =
        volumes
            .get(plansMount.path("name").asText())
            .path("persistentVolumeClaim")
            .path("claimName")
            .asText();
    assertFalse(claim.isEmpty(), name + ": the plans volume is a claim");
    assertTrue(
        docs.containsKey("PersistentVolumeClaim/" + claim) || claim.equals("billing-db-files"),
        name + ": claim " + claim);

    JsonNode resources = c.path("resources");
    assertTrue(
        resources.path("requests").has("cpu")
            && resources.path("requests").has("memory")
            && resources.path("limits").has("memory"),
        name + ": requests and a memory limit: " + resources);

    String host = worker.matchedOptionValue("--host", null);
    assertEquals(
        host == null ? "worker" : "host-worker",
        labels.path("app.kubernetes.io/component").asText(),
        name);
    if (host != null) {
      assertEquals(1, w.path("spec").path("replicas").asInt(), name + ": one worker per host");
      assertEquals(host, labels.path("cutover.io/host").asText(), name);
      assertEquals(
          0,
          w.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1),
          name + ": the new pod starts before the old one stops");
    }
    return host;
  }

  /**
   * Checks shared between both renders: the budget, the metrics Service, the claim; returns workers
   * by host ("" = shared).
   */
  static Map<String, JsonNode> checkRelease(Map<String, JsonNode> docs) {
    List<JsonNode> workloads = new ArrayList<>();
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet")) {
      workloads.addAll(ofKind(docs, kind));
    }
    Map<String, JsonNode> byHost = new HashMap<>();
    for (JsonNode w : workloads) {
      String host = checkWorker(w, docs);
      assertNull(byHost.put(host == null ? "" : host, w), "one workload per host: " + host);
    }
    JsonNode shared = byHost.get("");
    assertNotNull(shared, "the shared-queue workers");
    JsonNode sharedPods = shared.path("spec").path("template").path("metadata").path("labels");

    List<JsonNode> budgets = ofKind(docs, "PodDisruptionBudget");
    assertEquals(1, budgets.size(), docs.keySet()::toString);
    JsonNode budget = budgets.get(0);
    assertEquals("policy/v1", budget.path("apiVersion").asText());
    JsonNode budgetSelector = budget.path("spec").path("selector").path("matchLabels");
    assertTrue(
        selects(budgetSelector, sharedPods),
        "the budget selects the shared workers' pods: " + budget);
    int maxUnavailable = budget.path("spec").path("maxUnavailable").asInt();
    assertTrue(
        maxUnavailable >= 1 && maxUnavailable < shared.path("spec").path("replicas").asInt(),
        "drains evict some workers, never all at once: " + budget);
    byHost.forEach(
        (host, w) -> {
          if (!host.isEmpty()) {
            assertFalse(
                selects(
                    budgetSelector,
                    w.path("spec").path("template").path("metadata").path("labels")),
                "the shared workers' budget leaves host " + host + " out");
          }
        });

    List<JsonNode> services = ofKind(docs, "Service");
    assertEquals(1, services.size(), docs.keySet()::toString);
    JsonNode service = services.get(0);
    for (JsonNode w : byHost.values()) {
      assertTrue(
          selects(
              service.path("spec").path("selector"),
              w.path("spec").path("template").path("metadata").path("labels")),
          "the metrics Service covers " + w.path("metadata").path("name").asText());
    }
    JsonNode servicePort = service.path("spec").path("ports").get(0);
    assertEquals("metrics", servicePort.path("name").asText());
    assertEquals("metrics", servicePort.path("targetPort").asText());
    assertEquals(
        shared
            .path("spec")
            .path("template")
            .path("metadata")
            .path("annotations")
            .path("prometheus.io/port")
            .asText(),
        servicePort.path("port").asText());

    for (JsonNode claim : ofKind(docs, "PersistentVolumeClaim")) {
      assertEquals(
          "keep",
          claim.path("metadata").path("annotations").path("helm.sh/resource-policy").asText(),
          "uninstall keeps the plans and records");
      assertEquals(
          "ReadWriteMany",
          claim.path("spec").path("accessModes").get(0).asText(),
          "every worker mounts it");
    }
    return byHost;
  }

  @Test
  void lintPassesStrictlyWithDefaultAndOperatorValues() throws Exception {
    Run plain = helm("lint", "--strict", CHART.toString());
    assertEquals(0, plain.exit(), plain::all);
    Run operator =
        helm(
            "lint",
            "--strict",
            CHART.toString(),
            "--values",
            values("operator.yaml", OPERATOR_VALUES).toString());
    assertEquals(0, operator.exit(), operator::all);
  }

  @Test
  void defaultValuesRenderSharedWorkersOnly() throws Exception {
    Map<String, JsonNode> docs = render();
    assertEquals(
        Set.of(
            "Deployment/cutover-worker",
            "PodDisruptionBudget/cutover-worker",
            "Service/cutover-worker-metrics",
            "PersistentVolumeClaim/cutover-worker-plans"),
        docs.keySet());
    Map<String, JsonNode> byHost = checkRelease(docs);
    assertEquals(Set.of(""), byHost.keySet());
    JsonNode c =
        byHost.get("").path("spec").path("template").path("spec").path("containers").get(0);
    Map<String, JsonNode> env = env(c);
    assertFalse(env.containsKey("CUTOVER_CODEC_KEY"), "no payload key unless a Secret is named");
    assertFalse(env.containsKey("TEMPORAL_API_KEY"));
    assertEquals(2, byHost.get("").path("spec").path("replicas").asInt());
  }

  @Test
  void operatorValuesRenderHostWorkersServiceMonitorAndTheNamedSecrets() throws Exception {
    Map<String, JsonNode> docs = render(values("operator.yaml", OPERATOR_VALUES));
    Map<String, JsonNode> byHost = checkRelease(docs);
    assertEquals(Set.of("", "db-1", "billing-db"), byHost.keySet());
    assertEquals(
        "cutover-worker-host-db-1", byHost.get("db-1").path("metadata").path("name").asText());
    assertEquals(3, byHost.get("").path("spec").path("replicas").asInt());

    JsonNode db1 = byHost.get("db-1").path("spec").path("template").path("spec");
    assertEquals(
        "db-1",
        db1.path("nodeSelector").path("kubernetes.io/hostname").asText(),
        "nodeName pins the pod");
    JsonNode billing = byHost.get("billing-db").path("spec").path("template").path("spec");
    assertEquals("database", billing.path("tolerations").get(0).path("value").asText());
    assertEquals(
        "768Mi",
        billing.path("containers").get(0).path("resources").path("limits").path("memory").asText());
    boolean ownClaim = false;
    for (JsonNode v : billing.path("volumes")) {
      ownClaim |=
          v.path("persistentVolumeClaim").path("claimName").asText().equals("billing-db-files");
    }
    assertTrue(ownClaim, "billing-db mounts its own claim: " + billing.path("volumes"));

    for (JsonNode w : byHost.values()) {
      String name = w.path("metadata").path("name").asText();
      JsonNode pod = w.path("spec").path("template").path("spec");
      Map<String, JsonNode> env = env(pod.path("containers").get(0));
      JsonNode key = env.get("CUTOVER_CODEC_KEY");
      assertNotNull(key, name + ": the payload key");
      assertFalse(key.has("value"), name + ": never a literal key");
      assertEquals(
          "cutover-codec", key.path("valueFrom").path("secretKeyRef").path("name").asText(), name);
      assertEquals("key", key.path("valueFrom").path("secretKeyRef").path("key").asText(), name);
      assertFalse(
          key.path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false),
          name + ": no pod starts without the key (it would store payloads unencrypted)");
      for (String optional : List.of("CUTOVER_CODEC_KEY_ID", "CUTOVER_CODEC_OLD_KEYS")) {
        assertEquals(
            "cutover-codec",
            env.get(optional).path("valueFrom").path("secretKeyRef").path("name").asText(),
            name);
        assertTrue(
            env.get(optional).path("valueFrom").path("secretKeyRef").path("optional").asBoolean(),
            name + " " + optional);
      }
      assertEquals(
          "cutover-temporal",
          env.get("TEMPORAL_API_KEY").path("valueFrom").path("secretKeyRef").path("name").asText(),
          name);
      assertEquals("cutover", env.get("TEMPORAL_NAMESPACE").path("value").asText(), name);
      // Every worker of the release is the same build, and what the chart sets the worker accepts.
      assertEquals("2026-12-04.1", env.get("CUTOVER_BUILD_ID").path("value").asText(), name);
      assertEquals(
          "cutover.2026-12-04.1",
          new WorkerVersioning(
                  env.get("CUTOVER_DEPLOYMENT_NAME").path("value").asText(),
                  env.get("CUTOVER_BUILD_ID").path("value").asText())
              .toString(),
          name);
      try (Tracing t =
          Tracing.otlp(
              env.get("OTEL_EXPORTER_OTLP_ENDPOINT").path("value").asText(), "cutover-worker")) {
        assertEquals("http://otel-collector.observability:4318/v1/traces", t.endpoint(), name);
      }
      assertEquals("true", env.get("TEMPORAL_TLS").path("value").asText(), name);
      assertEquals(
          "/etc/cutover/temporal-tls/ca.crt",
          env.get("TEMPORAL_TLS_SERVER_CA_CERT_PATH").path("value").asText(),
          name);
      boolean tlsVolume = false;
      for (JsonNode v : pod.path("volumes")) {
        tlsVolume |= v.path("secret").path("secretName").asText().equals("cutover-temporal-tls");
      }
      assertTrue(tlsVolume, name + ": the TLS Secret is mounted");
    }

    List<JsonNode> monitors = ofKind(docs, "ServiceMonitor");
    assertEquals(1, monitors.size(), docs.keySet()::toString);
    JsonNode monitor = monitors.get(0);
    assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
    assertEquals(
        "prometheus",
        monitor.path("metadata").path("labels").path("release").asText(),
        "the label Prometheus selects on");
    JsonNode service = ofKind(docs, "Service").get(0);
    assertTrue(
        selects(
            monitor.path("spec").path("selector").path("matchLabels"),
            service.path("metadata").path("labels")),
        "the ServiceMonitor selects the metrics Service");
    assertEquals(
        service.path("spec").path("ports").get(0).path("name").asText(),
        monitor.path("spec").path("endpoints").get(0).path("port").asText());
    assertEquals("/metrics", monitor.path("spec").path("endpoints").get(0).path("path").asText());
  }

  @Test
  void theArgumentCheckRefusesAnOptionTheWorkerLacks() {
    // What checkWorker relies on: picocli refuses what `cutover worker` would refuse at start.
    assertThrows(
        CommandLine.ParameterException.class,
        () ->
            new CommandLine(new CutoverCommand())
                .parseArgs("worker", "--metrics-port", "9464", "--hosts", "db-1"));
    assertEquals(
        List.of(),
        PodSecurity.violations(
            DeployFilesTest.YAML.valueToTree(
                Map.of(
                    "securityContext",
                        Map.of(
                            "runAsUser",
                            999,
                            "fsGroup",
                            999,
                            "runAsNonRoot",
                            true,
                            "seccompProfile",
                            Map.of("type", "RuntimeDefault")),
                    "containers",
                        List.of(
                            Map.of(
                                "name",
                                "w",
                                "securityContext",
                                Map.of(
                                    "allowPrivilegeEscalation",
                                    false,
                                    "readOnlyRootFilesystem",
                                    true,
                                    "capabilities",
                                    Map.of("drop", List.of("ALL"))),
                                "volumeMounts",
                                List.of(Map.of("name", "tmp", "mountPath", "/tmp")))),
                    "volumes", List.of(Map.of("name", "tmp", "emptyDir", Map.of())))),
            Set.of()));
    List<String> plain =
        PodSecurity.violations(
            DeployFilesTest.YAML.valueToTree(
                Map.of(
                    "containers", List.of(Map.of("name", "w")),
                    "volumes", List.of(Map.of("name", "h", "hostPath", Map.of("path", "/srv"))))),
            Set.of());
    assertEquals(9, plain.size(), plain::toString);
  }

  @Test
  void badHostWorkersFailTheRenderWithTheReason() throws Exception {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("hostWorkers: [{nodeName: db-1}]\n", "hostWorkers[0].name is required");
    cases.put(
        "hostWorkers: [{name: db-1}, {name: DB_2}]\n",
        "hostWorkers[1].name \"DB_2\": use lowercase letters, digits and '-'");
    cases.put(
        "hostWorkers: [{name: db-1}, {name: db-1}]\n",
        "hostWorkers[1].name \"db-1\": already used by hostWorkers[0]");
    cases.put("hostWorkers: [db-1]\n", "hostWorkers[0] must be a map with at least a name");
    cases.put("plans: {create: false}\n", "plans: set plans.existingClaim");
    cases.put(
        "terminationGracePeriodSeconds: 10\n",
        "terminationGracePeriodSeconds 10: a stopping worker waits up to 30 s");
    int i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Run r =
          helm(
              "template",
              "cutover-worker",
              CHART.toString(),
              "--values",
              values("bad-" + i++ + ".yaml", c.getKey()).toString());
      assertNotEquals(0, r.exit(), () -> c.getKey() + " rendered:\n" + r.out());
      assertTrue(
          r.err().contains(c.getValue()),
          () -> c.getKey() + ": expected «" + c.getValue() + "» in\n" + r.err());
    }
  }
}
