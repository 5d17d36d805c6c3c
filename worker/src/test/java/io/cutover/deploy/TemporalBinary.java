package io.cutover.deploy;

import io.cutover.worker.TemporalCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pinned {@code temporal} binary ({@code tools/install-temporal-cli}): one Go program holding
 * the CLI, the Temporal server of the version it reports and the UI server, and so every dynamic
 * config key the server registers and the server's embedded config template.
 */
final class TemporalBinary {
  private static final Pattern VERSIONS =
      Pattern.compile("temporal version (\\S+) \\(Server (\\S+), UI (\\S+)\\)");
  private static String versionLine;

  private TemporalBinary() {}

  /** The binary itself (the installed path is a symlink). */
  static Path path() throws IOException {
    return TemporalCli.require().toRealPath();
  }

  static synchronized String versionLine() throws Exception {
    if (versionLine == null) {
      Process p =
          new ProcessBuilder(TemporalCli.require().toString(), "--version")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("temporal --version failed: " + out);
      }
      versionLine = out;
    }
    return versionLine;
  }

  private static String version(int group) throws Exception {
    Matcher m = VERSIONS.matcher(versionLine());
    if (!m.find()) {
      throw new IllegalStateException("unexpected `temporal --version`: " + versionLine());
    }
    return m.group(group);
  }

  static String cliVersion() throws Exception {
    return version(1);
  }

  static String serverVersion() throws Exception {
    return version(2);
  }

  static String uiVersion() throws Exception {
    return version(3);
  }

  /** Those of {@code strings} (ASCII) whose bytes occur nowhere in the binary. */
  static Set<String> missing(Collection<String> strings) throws IOException {
    Set<String> left = new LinkedHashSet<>(strings);
    int longest = strings.stream().mapToInt(String::length).max().orElse(1);
    byte[] buffer = new byte[16 << 20];
    int carried = 0;
    try (InputStream in = Files.newInputStream(path())) {
      while (!left.isEmpty()) {
        int n = in.readNBytes(buffer, carried, buffer.length - carried);
        if (n == 0) {
          break;
        }
        int filled = carried + n;
        // One byte per char: the window is searched as text, the bytes unchanged.
        String window = new String(buffer, 0, filled, StandardCharsets.ISO_8859_1);
        left.removeIf(window::contains);
        carried = Math.min(longest - 1, filled);
        System.arraycopy(buffer, filled - carried, buffer, 0, carried);
      }
    }
    return left;
  }
}
