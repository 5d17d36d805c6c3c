package io.cutover.activities.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.activities.ConfigActivities;
import io.cutover.activities.ConfigRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.activities.support.SafeFiles;
import io.cutover.activities.support.TextFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

public class ConfigActivitiesImpl implements ConfigActivities {
  @Override
  public StepOutcome setConfig(ConfigRequest request) {
    Path file = PlanPaths.resolve(request.context().baseDir(), request.step().file());
    try {
      if (!Files.exists(file)) {
        throw Fail.of(FailureType.NOT_FOUND, "configuration file " + file + " does not exist");
      }
      ConfigFormat format = ConfigFormat.of(request.step().format(), file.getFileName().toString());
      Path kept = keptCopy(file, request.context());
      if (!Files.exists(kept)) {
        writeAtomically(kept, Files.readAllBytes(file), file);
      }
      String before = TextFiles.readUtf8(file);
      Map<String, Object> values = new LinkedHashMap<>();
      request
          .step()
          .set()
          .forEach(
              (k, v) ->
                  values.put(
                      k, v instanceof String s ? Refs.resolve(s, request.context().baseDir()) : v));
      String after = format.set(before, values);
      verify(format, before, after, values, file);
      List<Evidence> evidence = new ArrayList<>();
      request
          .step()
          .set()
          .forEach(
              (k, v) ->
                  evidence.add(Evidence.info(file.getFileName() + " " + k, String.valueOf(v))));
      evidence.add(Evidence.info("previous content kept in", kept.toString()));
      if (after.equals(before)) {
        return new StepOutcome(
            file.getFileName() + " already had these values; unchanged",
            evidence,
            List.of(kept.toString()));
      }
      writeAtomically(file, after.getBytes(StandardCharsets.UTF_8), file);
      return new StepOutcome(
          "set "
              + String.join(", ", request.step().set().keySet())
              + " in "
              + file.getFileName()
              + " (written atomically; the old file is kept for the rollback)",
          evidence,
          List.of(kept.toString()));
    } catch (ConfigFormat.ConfigException e) {
      throw Fail.of(
          FailureType.BAD_DATA,
          "cannot change " + file + ": " + e.getMessage() + " — the file was not touched");
    } catch (IOException e) {
      throw Fail.transientFault("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public StepOutcome restoreConfig(ConfigRequest request) {
    Path file = PlanPaths.resolve(request.context().baseDir(), request.step().file());
    Path kept = keptCopy(file, request.context());
    try {
      if (!Files.exists(kept)) {
        return StepOutcome.of(
            "nothing to restore: "
                + file.getFileName()
                + " was never changed by step '"
                + request.step().id()
                + "'");
      }
      byte[] old = Files.readAllBytes(kept);
      if (!Files.exists(file) || !Arrays.equals(old, Files.readAllBytes(file))) {
        writeAtomically(file, old, Files.exists(file) ? file : kept);
      }
      String sha = SafeFiles.sha256(file);
      return new StepOutcome(
          "restored " + file.getFileName() + " from " + kept.getFileName(),
          List.of(
              Evidence.check(
                  "sha256 of " + file.getFileName(),
                  SafeFiles.sha256(kept).substring(0, 12),
                  sha.substring(0, 12),
                  sha.equals(SafeFiles.sha256(kept)))),
          List.of(file.toString()));
    } catch (IOException e) {
      throw Fail.transientFault("cannot restore " + file + ": " + e.getMessage(), e);
    }
  }

  /** The parsed file must equal the old one with exactly the set keys changed. */
  private static void verify(
      ConfigFormat format, String before, String after, Map<String, Object> values, Path file)
      throws ConfigFormat.ConfigException {
    JsonNode expected = format.read(before).deepCopy();
    if (!(expected instanceof ObjectNode root)) {
      throw new ConfigFormat.ConfigException("the file's top level is not a map of keys");
    }
    for (Map.Entry<String, Object> v : values.entrySet()) {
      ObjectNode at = root;
      String[] parts = format.nested() ? v.getKey().split("\\.") : new String[] {v.getKey()};
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode next = at.get(parts[i]);
        at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
      }
      at.set(
          parts[parts.length - 1],
          format.nested()
              ? Json.MAPPER.valueToTree(v.getValue())
              : Json.MAPPER.valueToTree(String.valueOf(v.getValue())));
    }
    JsonNode actual = format.read(after);
    if (!expected.equals(ConfigActivitiesImpl::sameValue, actual)) {
      throw new ConfigFormat.ConfigException(
          "the edited text does not read back as the old content with only "
              + values.keySet()
              + " changed (expected "
              + expected
              + ", read "
              + actual
              + ")");
    }
  }

  private static int sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isValueNode() && b.isValueNode()) {
      return a.asText().equals(b.asText()) && a.isTextual() == b.isTextual() ? 0 : 1;
    }
    return a.equals(b) ? 0 : 1;
  }

  /**
   * Where the file's content before this run's step is kept: beside it, hidden, named for the run
   * and step.
   */
  static Path keptCopy(Path file, StepContext ctx) {
    byte[] h =
        SafeFiles.sha256()
            .digest((ctx.runKey() + "/" + ctx.stepId()).getBytes(StandardCharsets.UTF_8));
    return file.resolveSibling(
        "." + file.getFileName() + ".cutover-" + HexFormat.of().formatHex(h, 0, 6) + ".orig");
  }

  /** Write beside, fsync, keep the permissions of {@code like}, rename over, fsync the folder. */
  private static void writeAtomically(Path target, byte[] bytes, Path like) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".cutover-tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(like);
        Files.setPosixFilePermissions(tmp, perms);
      } catch (UnsupportedOperationException notPosix) {
        // keep the default permissions
      }
      SafeFiles.move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
