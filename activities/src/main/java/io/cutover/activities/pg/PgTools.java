package io.cutover.activities.pg;

import io.cutover.activities.support.PlanPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the PostgreSQL client programs a backup and its restore run: pg_dump, pg_restore and psql
 * from one folder, of the server's major version or newer (pg_dump refuses a newer server, and a
 * dump read by an older pg_restore may not load).
 *
 * <p>Where it looks, in order: the database's {@code binDir} in the plan, else the worker's {@code
 * CUTOVER_PG_BIN} (or the {@code cutover.pg.bin} system property), and only when neither is set:
 * every folder of the PATH that has pg_dump, Debian's {@code /usr/lib/postgresql/<major>/bin}
 * (newest first), and the binaries io.zonky.test's embedded PostgreSQL unpacked under the temporary
 * folder ({@code embedded-pg/*}/bin; today's zonky archives ship only initdb, pg_ctl and postgres,
 * so they count only if a future archive brings pg_dump). The first folder whose pg_dump is new
 * enough wins; a folder named explicitly must fit or the step fails naming it.
 */
public final class PgTools {
  private static final Pattern VERSION =
      Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

  /** A folder with the three programs, and its pg_dump's version. */
  public record Tools(Path dir, int major, String version, int serverMajor) {
    public Path pgDump() {
      return dir.resolve("pg_dump");
    }

    public Path pgRestore() {
      return dir.resolve("pg_restore");
    }

    public Path psql() {
      return dir.resolve("psql");
    }
  }

  private PgTools() {}

  /**
   * The client programs for a server of {@code serverVersionNum} ({@code SHOW server_version_num},
   * e.g. 160010), or an {@link IllegalStateException} that says what to install or set.
   */
  public static Tools find(String planBinDir, String baseDir, int serverVersionNum) {
    int need = serverVersionNum / 10000;
    String server = need + "." + (serverVersionNum % 10000);
    String configured = planBinDir;
    String source = "binDir of the database in the plan";
    if (configured == null) {
      configured = System.getProperty("cutover.pg.bin", System.getenv("CUTOVER_PG_BIN"));
      source = "CUTOVER_PG_BIN on this worker";
    }
    if (configured != null && !configured.isBlank()) {
      Path dir = PlanPaths.resolve(baseDir, configured);
      String problem = problem(dir, need);
      if (problem != null) {
        throw new IllegalStateException(
            "the PostgreSQL client programs in "
                + dir
                + " ("
                + source
                + ") cannot be used for a PostgreSQL "
                + server
                + " server: "
                + problem
                + "; point it at the bin folder of PostgreSQL "
                + need
                + " or newer");
      }
      return tools(dir, need);
    }
    List<String> tried = new ArrayList<>();
    for (Path dir : candidates()) {
      String problem = problem(dir, need);
      if (problem == null) {
        return tools(dir, need);
      }
      tried.add(dir + ": " + problem);
    }
    throw new IllegalStateException(
        "no pg_dump of PostgreSQL "
            + need
            + " or newer on this worker for the PostgreSQL "
            + server
            + " server"
            + (tried.isEmpty() ? " (none found)" : " (found: " + String.join("; ", tried) + ")")
            + ": install PostgreSQL "
            + need
            + "'s client programs (pg_dump, pg_restore, psql; e.g. the postgresql-client-"
            + need
            + " package) and put them on the PATH, or set binDir on the database in the plan"
            + " (or CUTOVER_PG_BIN on the worker) to their bin folder");
  }

  /** Why a folder does not fit, or null when it does. */
  static String problem(Path dir, int need) {
    for (String program : List.of("pg_dump", "pg_restore", "psql")) {
      if (!Files.isExecutable(dir.resolve(program))) {
        return "no executable " + program;
      }
    }
    String version = version(dir.resolve("pg_dump"));
    if (version == null) {
      return "pg_dump --version did not answer";
    }
    int major = major(version);
    if (major < need) {
      return "pg_dump is " + version + ", older than the server";
    }
    return null;
  }

  private static Tools tools(Path dir, int serverMajor) {
    String version = version(dir.resolve("pg_dump"));
    return new Tools(dir, major(version), version, serverMajor);
  }

  static int major(String version) {
    Matcher m = Pattern.compile("(\\d+)").matcher(version);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** {@code pg_dump --version}'s number, e.g. {@code 17.10}, or null. */
  static String version(Path program) {
    try {
      Process p =
          new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      Matcher m = VERSION.matcher(out);
      if (p.exitValue() != 0 || !m.find()) {
        return null;
      }
      return m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Folders to try when none is configured, in order. */
  static List<Path> candidates() {
    Set<Path> out = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isEmpty() && Files.isExecutable(Path.of(d).resolve("pg_dump"))) {
          out.add(Path.of(d));
        }
      }
    }
    List<Path> debian = subfolders(Path.of("/usr/lib/postgresql"), "bin");
    debian.sort((a, b) -> Integer.compare(majorOf(b), majorOf(a)));
    out.addAll(debian);
    out.addAll(
        subfolders(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"), "bin").stream()
            .filter(d -> Files.isExecutable(d.resolve("pg_dump")))
            .toList());
    return new ArrayList<>(out);
  }

  private static int majorOf(Path bin) {
    String name = bin.getParent().getFileName().toString();
    return name.matches("\\d+") ? Integer.parseInt(name) : 0;
  }

  private static List<Path> subfolders(Path parent, String child) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
      for (Path p : ds) {
        if (Files.isDirectory(p.resolve(child))) {
          out.add(p.resolve(child));
        }
      }
    } catch (IOException e) {
      // unreadable: nothing found there
    }
    return out;
  }
}
