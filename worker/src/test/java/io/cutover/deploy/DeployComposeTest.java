package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cli.CutoverCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/docker-compose.yml agrees with itself, with the program and with the Temporal release the
 * tests run: the start order, the image versions, the mounted dynamic config, the setup scripts and
 * their variables, the codec server, the UI pointed at it, and the worker.
 */
class DeployComposeTest {
  static final String WORKER = "cutover-worker";
  static final String CODEC = "cutover-codec";

  /**
   * Variables the Temporal UI server's image reads (temporalio/ui server/config/docker.yaml); those
   * used here.
   */
  static final Set<String> UI_ENV =
      Set.of(
          "TEMPORAL_ADDRESS",
          "TEMPORAL_UI_PORT",
          "TEMPORAL_DEFAULT_NAMESPACE",
          "TEMPORAL_CORS_ORIGINS",
          "TEMPORAL_CODEC_ENDPOINT",
          "TEMPORAL_CODEC_PASS_ACCESS_TOKEN",
          "TEMPORAL_CODEC_INCLUDE_CREDENTIALS",
          "TEMPORAL_CSRF_COOKIE_INSECURE");

  /** Read by temporal-sql-tool from the environment (temporal tools/sql/main.go). */
  static final Set<String> SQL_TOOL_ENV =
      Set.of(
          "SQL_HOST",
          "SQL_PORT",
          "SQL_USER",
          "SQL_PASSWORD",
          "SQL_DATABASE",
          "SQL_PLUGIN",
          "SQL_CONNECT_ATTRIBUTES",
          "SQL_TLS",
          "SQL_TLS_CERT_FILE",
          "SQL_TLS_KEY_FILE",
          "SQL_TLS_CA_FILE",
          "SQL_TLS_SERVER_NAME",
          "SQL_TLS_DISABLE_HOST_VERIFICATION");

  @Test
  void servicesStartInTheOrderTheyNeed() throws Exception {
    ComposeFile c = ComposeFile.read();
    assertEquals(
        Set.of(
            "postgresql",
            "temporal-schema",
            "temporal",
            "temporal-namespace",
            CODEC,
            "temporal-ui",
            WORKER),
        new HashSet<>(c.serviceNames()));
    assertEquals("service_healthy", c.dependsOn("temporal-schema", "postgresql"));
    assertEquals("service_completed_successfully", c.dependsOn("temporal", "temporal-schema"));
    assertEquals("service_healthy", c.dependsOn("temporal-namespace", "temporal"));
    assertEquals("service_healthy", c.dependsOn("temporal-ui", "temporal"));
    assertEquals(
        "service_completed_successfully",
        c.dependsOn(WORKER, "temporal-namespace"),
        "the worker starts once the namespace has Cutover's search attributes");
    for (String s : c.serviceNames()) {
      for (String d : c.serviceNames()) {
        if ("service_healthy".equals(c.dependsOn(s, d))) {
          assertTrue(
              c.service(d).path("healthcheck").has("test"),
              d + " has the healthcheck " + s + " waits for");
        }
      }
    }
  }

  @Test
  void everyVariableHasADefaultSoThatUpNeedsNoneSet() throws Exception {
    ComposeFile c = ComposeFile.read();
    Matcher m = ComposeFile.VARIABLE.matcher(c.text);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
      ComposeFile.interpolate(m.group());
    }
    assertFalse(found.isEmpty());
    assertFalse(
        c.text.replaceAll(ComposeFile.VARIABLE.pattern(), "").contains("$"),
        "no other $ than ${NAME:-default}");
  }

  @Test
  void imagesAreTheTemporalReleaseOfThePinnedCli() throws Exception {
    ComposeFile c = ComposeFile.read();
    String server = TemporalBinary.serverVersion();
    assertEquals("temporalio/server:" + server, c.image("temporal"), TemporalBinary.versionLine());
    assertEquals("temporalio/admin-tools:" + server, c.image("temporal-schema"));
    assertEquals("temporalio/admin-tools:" + server, c.image("temporal-namespace"));
    assertEquals(
        "temporalio/ui:" + TemporalBinary.uiVersion(),
        c.image("temporal-ui"),
        TemporalBinary.versionLine());
  }

  @Test
  void theServerReadsTheMountedDynamicConfigAndOnlyVariablesItsTemplateReads() throws Exception {
    ComposeFile c = ComposeFile.read();
    Map<String, String> env = c.env("temporal");
    String path = env.get("DYNAMIC_CONFIG_FILE_PATH");
    assertNotNull(
        path,
        "without DYNAMIC_CONFIG_FILE_PATH the server wants"
            + " /etc/temporal/config/dynamicconfig/docker.yaml");
    assertTrue(path.startsWith("/"), path);
    Path onHost = null;
    for (Map.Entry<Path, String> bind : c.binds("temporal").entrySet()) {
      if (path.startsWith(bind.getValue() + "/")) {
        onHost = bind.getKey().resolve(path.substring(bind.getValue().length() + 1));
      }
    }
    assertNotNull(onHost, path + " is in a directory mounted from deploy/: " + c.binds("temporal"));
    assertTrue(Files.isRegularFile(onHost), onHost + " exists");
    assertTrue(
        DynamicConfigTest.files().contains(onHost), onHost + " is one DynamicConfigTest checks");

    // The server image configures itself from the environment through the config template embedded
    // in the server (the same template is in the pinned binary): each variable set here is read
    // there.
    List<String> reads = env.keySet().stream().map(v -> "env \"" + v + "\"").toList();
    Set<String> unread = TemporalBinary.missing(reads);
    assertTrue(
        unread.isEmpty(), () -> "variables the server's config template does not read: " + unread);
    assertEquals(env.get("DB_PORT"), c.env("temporal-schema").get("SQL_PORT"));
    assertEquals(env.get("POSTGRES_SEEDS"), c.env("temporal-schema").get("SQL_HOST"));
    assertEquals(env.get("POSTGRES_PWD"), c.env("temporal-schema").get("SQL_PASSWORD"));
    assertEquals(env.get("DB"), c.env("temporal-schema").get("SQL_PLUGIN"));
  }

  /** The variables a shell script reads ($NAME or ${NAME...}). */
  static Set<String> scriptVariables(Path script) throws Exception {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(Files.readString(script));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The script a one-shot admin-tools service runs, after checking it is mounted from
   * deploy/scripts.
   */
  static Path script(ComposeFile c, String service) {
    List<String> entrypoint = c.strings(service, "entrypoint");
    assertEquals(2, entrypoint.size(), service + ": /bin/sh SCRIPT");
    assertEquals("/bin/sh", entrypoint.get(0));
    Path scripts = DeployFilesTest.DEPLOY.resolve("scripts");
    assertEquals(
        "/scripts", c.binds(service).get(scripts), service + " mounts deploy/scripts at /scripts");
    assertTrue(entrypoint.get(1).startsWith("/scripts/"), entrypoint.toString());
    Path script = scripts.resolve(entrypoint.get(1).substring("/scripts/".length()));
    assertTrue(Files.isRegularFile(script), script + " exists");
    return script;
  }

  @Test
  void theSetupServicesRunTheirScriptsWithVariablesTheScriptsRead() throws Exception {
    ComposeFile c = ComposeFile.read();
    Path schema = script(c, "temporal-schema");
    Set<String> schemaReads = new HashSet<>(scriptVariables(schema));
    schemaReads.addAll(SQL_TOOL_ENV);
    assertTrue(
        schemaReads.containsAll(c.env("temporal-schema").keySet()),
        () -> "unread: " + c.env("temporal-schema").keySet());

    Path setup = script(c, "temporal-namespace");
    assertEquals(
        DeploySetupTest.SCRIPT, setup, "the script DeploySetupTest runs against a real server");
    Map<String, String> env = c.env("temporal-namespace");
    Set<String> setupReads = scriptVariables(setup);
    assertTrue(setupReads.containsAll(env.keySet()), () -> env.keySet() + " vs " + setupReads);
    Map<String, String> worker = c.env(WORKER);
    assertEquals(
        worker.get("TEMPORAL_ADDRESS"),
        env.get("TEMPORAL_ADDRESS"),
        "the namespace is set up on the worker's server");
    assertEquals(
        worker.get("TEMPORAL_NAMESPACE"),
        env.get("NAMESPACE"),
        "the namespace set up is the worker's");
    assertEquals(
        worker.get("TEMPORAL_NAMESPACE"),
        c.env("temporal-ui").get("TEMPORAL_DEFAULT_NAMESPACE"),
        "the UI opens it");
    assertTrue(env.get("NAMESPACE_RETENTION").matches("\\d+[dh]"), env.get("NAMESPACE_RETENTION"));
  }

  @Test
  void theUiDecodesThroughTheCodecServerWithTheWorkersKey() throws Exception {
    ComposeFile c = ComposeFile.read();
    assertEquals(
        c.service(WORKER).path("build"),
        c.service(CODEC).path("build"),
        "the codec server is the worker's image");
    assertEquals(c.image(WORKER), c.image(CODEC));
    List<String> command = c.strings(CODEC, "command");
    CommandLine.ParseResult parsed =
        new CommandLine(new CutoverCommand()).parseArgs(command.toArray(String[]::new));
    assertEquals("codec-server", parsed.subcommand().commandSpec().name(), command.toString());
    CommandLine.ParseResult codec = parsed.subcommand();
    int port = codec.matchedOptionValue("--port", 8888);
    assertEquals(
        "0.0.0.0",
        codec.matchedOptionValue("--bind", "127.0.0.1"),
        "reachable through the published port");
    PublishedPort codecPort = c.published(CODEC, port);
    assertTrue(
        codecPort.loopbackOnly(),
        "the codec server decrypts for whoever asks: published on loopback only: " + codecPort);

    Map<String, String> ui = c.env("temporal-ui");
    assertTrue(UI_ENV.containsAll(ui.keySet()), () -> "not UI variables: " + ui.keySet());
    assertEquals(
        c.env(WORKER).get("TEMPORAL_ADDRESS"),
        ui.get("TEMPORAL_ADDRESS"),
        "the UI and the worker talk to the same frontend");
    assertEquals(
        "http://localhost:" + codecPort.host(),
        ui.get("TEMPORAL_CODEC_ENDPOINT"),
        "the browser calls the published codec port");
    PublishedPort uiPort =
        c.published("temporal-ui", Integer.parseInt(ui.getOrDefault("TEMPORAL_UI_PORT", "8080")));
    String uiOrigin = "http://localhost:" + uiPort.host();
    List<String> origins = codec.matchedOptionValue("--cors-origin", List.<String>of());
    assertTrue(
        origins.contains(uiOrigin),
        "the codec server answers the UI's origin " + uiOrigin + ": " + origins);
    assertTrue(
        List.of(ui.get("TEMPORAL_CORS_ORIGINS").split(",")).contains(uiOrigin),
        ui.get("TEMPORAL_CORS_ORIGINS"));

    // One key, from a secret file the operator makes; none in the file itself.
    JsonNode secrets = c.root.path("secrets");
    assertEquals(1, secrets.size(), secrets.toString());
    String secret = secrets.fieldNames().next();
    for (String s : List.of(CODEC, WORKER)) {
      Map<String, String> env = c.env(s);
      assertTrue(
          DeployFilesTest.known().containsAll(env.keySet()),
          () -> s + ": unknown variables " + env.keySet());
      assertFalse(env.containsKey("CUTOVER_CODEC_KEY"), s + ": no key in the compose file");
      assertEquals("/run/secrets/" + secret, env.get("CUTOVER_CODEC_KEY_FILE"), s);
      assertEquals(List.of(secret), c.strings(s, "secrets"), s);
    }
    String keyFile = ComposeFile.interpolate(secrets.path(secret).path("file").asText());
    List<String> ignored = Files.readAllLines(DeployFilesTest.DEPLOY.resolve(".gitignore"));
    Path relative = Path.of(keyFile).normalize();
    assertTrue(
        ignored.contains(relative.getName(0) + "/"),
        keyFile + " is in a folder git ignores: " + ignored);
  }

  @Test
  void theWorkerMatchesTheDockerfileTheCliAndTheTemporalService() throws Exception {
    ComposeFile c = ComposeFile.read();
    JsonNode worker = c.service(WORKER);
    Path context =
        DeployFilesTest.DEPLOY.resolve(worker.path("build").path("context").asText()).normalize();
    assertTrue(
        Files.isRegularFile(context.resolve(worker.path("build").path("dockerfile").asText())),
        "the Dockerfile it builds exists");
    assertEquals(DeployFilesTest.IMAGE, DeployFilesTest.repository(c.image(WORKER)));
    assertEquals("worker", DeployFilesTest.parse(c.strings(WORKER, "command")));

    Map<String, String> env = c.env(WORKER);
    assertTrue(
        DeployFilesTest.known().containsAll(env.keySet()),
        () -> "unknown variables: " + env.keySet() + " vs " + DeployFilesTest.known());
    String[] address = env.get("TEMPORAL_ADDRESS").split(":");
    assertTrue(
        c.serviceNames().contains(address[0]),
        "TEMPORAL_ADDRESS names the compose service " + address[0]);
    c.published(address[0], Integer.parseInt(address[1]));
    String metrics = env.get("CUTOVER_METRICS_PORT");
    c.published(WORKER, Integer.parseInt(metrics));
    assertEquals(
        metrics,
        DeployFilesTest.dockerfileExpose(),
        "the Dockerfile exposes the same metrics port");
  }
}
