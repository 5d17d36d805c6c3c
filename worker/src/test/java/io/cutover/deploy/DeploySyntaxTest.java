package io.cutover.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file under deploy/ parses as what it is: YAML (every document), JSON, POSIX shell ({@code
 * sh -n}), Dockerfile, systemd unit. A file of a kind with no check here fails the test, so that a
 * new kind gets one.
 */
class DeploySyntaxTest {
  static final Set<String> DOCKERFILE_INSTRUCTIONS =
      Set.of(
          "FROM",
          "RUN",
          "CMD",
          "LABEL",
          "EXPOSE",
          "ENV",
          "ADD",
          "COPY",
          "ENTRYPOINT",
          "VOLUME",
          "USER",
          "WORKDIR",
          "ARG",
          "ONBUILD",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "SHELL");
  static final Pattern UNIT_LINE =
      Pattern.compile("^(\\[[A-Za-z]+]|[A-Za-z][A-Za-z0-9]*=.*|#.*|;.*|)$");

  static List<Path> deployFiles() throws Exception {
    try (Stream<Path> s = Files.walk(DeployFilesTest.DEPLOY)) {
      // secrets/ is the operator's key, ignored by git (deploy/.gitignore), not part of the
      // repository.
      return s.filter(Files::isRegularFile)
          .filter(f -> !DeployFilesTest.DEPLOY.relativize(f).startsWith("secrets"))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyDeployFileParses() throws Exception {
    List<String> checked = new ArrayList<>();
    for (Path f : deployFiles()) {
      String name = f.getFileName().toString();
      String what;
      if (helmTemplate(f)) {
        what = "Helm template, rendered and parsed by DeployHelmTest";
      } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
        what = yaml(f);
      } else if (name.endsWith(".json")) {
        new ObjectMapper().readTree(f.toFile());
        what = "JSON";
      } else if (name.endsWith(".sh")) {
        what = shell(f);
      } else if (name.equals("Dockerfile")) {
        what = dockerfile(f);
      } else if (name.endsWith(".service")) {
        what = unit(f);
      } else if (name.endsWith(".md") || name.equals(".gitignore") || name.equals(".helmignore")) {
        what = "text";
      } else {
        throw new AssertionError(
            f
                + ": no syntax check for this kind of file; add one to "
                + getClass().getSimpleName());
      }
      checked.add(DeployFilesTest.DEPLOY.relativize(f) + " (" + what + ")");
    }
    assertTrue(checked.size() >= 10, () -> "the files under deploy/: " + checked);
  }

  /** A file of a Helm chart's templates/ folder: Go templates, YAML only once rendered. */
  static boolean helmTemplate(Path f) {
    Path rel = DeployFilesTest.DEPLOY.relativize(f);
    String name = f.getFileName().toString();
    return rel.getNameCount() == 4
        && rel.getName(0).toString().equals("helm")
        && rel.getName(2).toString().equals("templates")
        && (name.endsWith(".yaml") || name.endsWith(".tpl") || name.equals("NOTES.txt"));
  }

  static String yaml(Path f) throws Exception {
    List<JsonNode> docs = DeployFilesTest.docs(f);
    assertFalse(docs.isEmpty(), f + ": at least one YAML document");
    for (JsonNode d : docs) {
      assertTrue(d != null && d.isObject(), f + ": each document is a map");
    }
    DynamicConfigTest.STRICT_YAML
        .readerFor(JsonNode.class)
        .readValues(Files.readString(f))
        .readAll();
    return "YAML";
  }

  static int shN(Path script) throws Exception {
    Process p =
        new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue();
  }

  static String shell(Path f) throws Exception {
    // The admin-tools image has a POSIX sh (busybox), no bash.
    assertEquals(
        "#!/bin/sh",
        Files.readAllLines(f, StandardCharsets.UTF_8).get(0),
        f + ": a POSIX sh script");
    assertEquals(0, shN(f), f + ": sh -n");
    return "sh -n";
  }

  @Test
  void theShellCheckRejectsABrokenScript(@TempDir Path dir) throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("broken.sh"), "#!/bin/sh\nif [ -n \"$X\" ]; then\n  echo x\n");
    assertNotEquals(0, shN(broken), "sh -n tells a script without its fi");
  }

  static String dockerfile(Path f) throws Exception {
    boolean continued = false;
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!continued && !t.isEmpty() && !t.startsWith("#")) {
        String instruction = t.split("\\s+", 2)[0];
        assertTrue(
            DOCKERFILE_INSTRUCTIONS.contains(instruction), f + ": not an instruction: " + line);
        if (Set.of("CMD", "ENTRYPOINT").contains(instruction) && t.contains("[")) {
          assertTrue(
              new ObjectMapper().readTree(t.substring(t.indexOf('['))).isArray(),
              f + ": exec form is a JSON array: " + line);
        }
      }
      continued = t.endsWith("\\");
    }
    return "Dockerfile";
  }

  static String unit(Path f) throws Exception {
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    assertTrue(
        lines.stream().anyMatch(l -> l.equals("[Service]")), f + ": has a [Service] section");
    for (String l : lines) {
      assertTrue(UNIT_LINE.matcher(l).matches(), f + ": not a section, Key=value or comment: " + l);
    }
    return "systemd unit";
  }
}
