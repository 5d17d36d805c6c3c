package io.cutover.activities.pg;

import io.cutover.activities.StepContext;
import io.cutover.activities.support.PlanPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every mismatching key a check found, one tab-separated line each, under {@code
 * evidence/<run>/<step>/<check>.tsv} in the plan's folder. Opened only when there is something to
 * write; the first keys are also kept for the report's message.
 */
final class EvidenceFile implements AutoCloseable {
  private static final int SHOWN = 10;

  private final Path path;
  private final String header;
  private BufferedWriter out;
  private long lines;
  private final List<String> first = new ArrayList<>();

  EvidenceFile(StepContext ctx, String check, String header) {
    String run = ctx.runKey() == null ? "manual" : ctx.runKey();
    this.path =
        PlanPaths.resolve(ctx.baseDir(), "evidence")
            .resolve(safe(run))
            .resolve(safe(ctx.stepId()))
            .resolve(safe(check) + ".tsv");
    this.header = header;
  }

  void add(String shownKey, String... fields) {
    try {
      if (out == null) {
        Files.createDirectories(path.getParent());
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write(header);
        out.write('\n');
      }
      out.write(String.join("\t", fields));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evidence file " + path, e);
    }
    lines++;
    if (first.size() < SHOWN) {
      first.add(shownKey);
    }
  }

  long count() {
    return lines;
  }

  Path path() {
    return path;
  }

  /** "3 (keys 7, 12, 40) — every key in evidence/...tsv", or "0". */
  String summary(String what) {
    if (lines == 0) {
      return "0";
    }
    return lines
        + " "
        + what
        + " ("
        + String.join(", ", first)
        + (lines > first.size() ? ", …" : "")
        + ") — every one listed in "
        + path;
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
