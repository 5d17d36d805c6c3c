package io.cutover.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/docker-compose.yml as {@code docker compose} reads it with no variable set: every {@code
 * ${NAME:-default}} is its default. The accessors return interpolated values.
 */
final class ComposeFile {
  /**
   * {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?message}},
   * {@code ${NAME?message}}.
   */
  static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  final Path file;
  final String text;
  final JsonNode root;

  private ComposeFile(Path file) throws Exception {
    this.file = file;
    this.text = Files.readString(file);
    this.root = DeployFilesTest.YAML.readTree(text);
  }

  static ComposeFile read() throws Exception {
    return new ComposeFile(DeployFilesTest.DEPLOY.resolve("docker-compose.yml"));
  }

  /** The value compose uses when no variable is set; fails for a variable without a default. */
  static String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (m.group(2) == null || m.group(2).endsWith("?")) {
        throw new IllegalStateException(
            "${" + m.group(1) + "} has no default: `docker compose up` needs it set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(3)));
    }
    m.appendTail(out);
    return out.toString().replace("$$", "$");
  }

  JsonNode service(String name) {
    JsonNode s = root.path("services").path(name);
    if (s.isMissingNode()) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return s;
  }

  List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    root.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The service's environment (map or list form), interpolated. */
  Map<String, String> env(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service(service).path("environment");
    if (e.isArray()) {
      e.forEach(
          kv -> {
            String[] parts = kv.asText().split("=", 2);
            env.put(parts[0], parts.length == 2 ? interpolate(parts[1]) : "");
          });
    } else {
      e.fields().forEachRemaining(kv -> env.put(kv.getKey(), interpolate(kv.getValue().asText())));
    }
    return env;
  }

  List<String> strings(String service, String field) {
    List<String> out = new ArrayList<>();
    JsonNode n = service(service).path(field);
    if (n.isArray()) {
      n.forEach(x -> out.add(interpolate(x.asText())));
    } else if (!n.isMissingNode()) {
      out.add(interpolate(n.asText()));
    }
    return out;
  }

  String image(String service) {
    return interpolate(service(service).path("image").asText());
  }

  List<PublishedPort> ports(String service) {
    return strings(service, "ports").stream().map(PublishedPort::parse).toList();
  }

  /** The one port the service publishes for {@code container}. */
  PublishedPort published(String service, int container) {
    List<PublishedPort> matching =
        ports(service).stream().filter(p -> p.container() == container).toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          service
              + " publishes container port "
              + container
              + " "
              + matching.size()
              + " times: "
              + ports(service));
    }
    return matching.get(0);
  }

  /** The condition under which {@code service} waits for {@code dependency}, or null. */
  String dependsOn(String service, String dependency) {
    JsonNode d = service(service).path("depends_on");
    if (d.isArray()) {
      for (JsonNode x : d) {
        if (x.asText().equals(dependency)) {
          return "service_started";
        }
      }
      return null;
    }
    JsonNode c = d.path(dependency);
    return c.isMissingNode() ? null : c.path("condition").asText("service_started");
  }

  /**
   * The service's {@code HOST:CONTAINER[:MODE]} bind mounts as host path (resolved against deploy/)
   * to container path.
   */
  Map<Path, String> binds(String service) {
    Map<Path, String> out = new LinkedHashMap<>();
    for (String v : strings(service, "volumes")) {
      String[] parts = v.split(":");
      if (parts.length >= 2 && (parts[0].startsWith(".") || parts[0].startsWith("/"))) {
        out.put(file.getParent().resolve(parts[0]).normalize(), parts[1]);
      }
    }
    return out;
  }
}
