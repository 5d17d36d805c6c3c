package io.cutover.activities.support;

import io.cutover.api.FailureType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker-side references in plan values: {@code ${env:NAME}}, {@code ${file:PATH}} (file content,
 * trailing newline trimmed), {@code ${java}} (this JVM's java executable) and {@code
 * ${cutover.classpath}} (the classpath this worker runs with). They are resolved only where the
 * value is used, on the worker, so a secret never enters workflow history.
 */
public final class Refs {
  private static final Pattern REF =
      Pattern.compile("\\$\\{(env|file):([^}]+)}|\\$\\{(java|cutover\\.classpath)}");

  private static volatile Function<String, String> environment = System::getenv;

  private Refs() {}

  /** True when the text holds a worker-side reference. */
  public static boolean hasReference(String text) {
    return text != null && REF.matcher(text).find();
  }

  /** True when the whole text is one secret reference ({@code ${env:..}} or {@code ${file:..}}). */
  public static boolean isSecretReference(String text) {
    if (text == null) {
      return false;
    }
    Matcher m = REF.matcher(text.trim());
    return m.matches() && m.group(1) != null;
  }

  public static String resolve(String text, String baseDir) {
    if (text == null || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(valueOf(m, baseDir)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String valueOf(Matcher m, String baseDir) {
    if ("java".equals(m.group(3))) {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
    if ("cutover.classpath".equals(m.group(3))) {
      return absoluteClasspath();
    }
    String name = m.group(2).trim();
    if ("env".equals(m.group(1))) {
      String v = environment.apply(name);
      if (v == null) {
        throw Fail.of(
            FailureType.NOT_FOUND,
            "environment variable "
                + name
                + " is not set on this worker (referenced as ${env:"
                + name
                + "})");
      }
      return v;
    }
    Path file = PlanPaths.resolve(baseDir, name);
    try {
      String v = TextFiles.readUtf8(file);
      return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    } catch (IOException e) {
      throw Fail.of(
          FailureType.NOT_FOUND,
          "cannot read secret file "
              + file
              + " (referenced as ${file:"
              + name
              + "}): "
              + e.getMessage());
    }
  }

  /**
   * This JVM's classpath with every entry made absolute: the programs that use it run in the plan's
   * folder, where a relative entry ({@code java -jar worker/target/cutover.jar} gives one) names
   * nothing, and the program then fails for want of a class (a JDBC driver, say).
   */
  static String absoluteClasspath() {
    String sep = File.pathSeparator;
    StringBuilder out = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(Pattern.quote(sep))) {
      if (entry.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(sep);
      }
      out.append(Path.of(entry).toAbsolutePath().normalize());
    }
    return out.toString();
  }

  /** Replaces where environment references are read from; for tests. */
  public static void environment(Function<String, String> env) {
    environment = env == null ? System::getenv : env;
  }
}
