// The shell lines of seed 000's runbook that are not database steps, for the plan's command steps:
//
//   java tools/Oapp.java log FILE MESSAGE              1.4 / rollback: "<date>: MESSAGE" appended to the
//                                                      cutover log (/var/log/oapp_cutover.log in the seed)
//   java tools/Oapp.java rollback-log FILE BACKUP_DIR  rollback: "ROLLBACK EXECUTED - restored from <newest backup>"
//   java tools/Oapp.java csv-check CSV...              file preparation: each Notion export is there, UTF-8,
//                                                      with rows; prints its rows, SHA-256 and modification time
//   java tools/Oapp.java anchor FILE TEXT              4.3: write the MemoryPlugin anchor (the old file kept
//                                                      as FILE.before-cutover for the undo)
//   java tools/Oapp.java anchor-undo FILE              put the old anchor back (or remove the new one)
//   java tools/Oapp.java governance FILE ANCHOR PROJECTS PHASES [ANCHOR_FILE]
//                                                      the governance.log lines; with ANCHOR_FILE the
//                                                      anchor's undo copy is dropped (the cutover is done)
//   java tools/Oapp.java archive DEST FILE_OR_DIR...  archive the cutover artifacts
//   java tools/Oapp.java integration URL PROJECTS PHASES   the automated integration test suite against the
//                                                      API: health, counts, lists, project-phase relationships
//
// Each exits 1 when a check fails, naming it; its last line is a JSON summary.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Oapp {
  static final List<String> failures = new ArrayList<>();
  static int checks;

  public static void main(String[] args) throws Exception {
    String summary;
    switch (args[0]) {
      case "log" -> summary = append(Path.of(args[1]), args[2]);
      case "rollback-log" -> summary = append(Path.of(args[1]), "ROLLBACK EXECUTED - restored from " + newest(Path.of(args[2])));
      case "csv-check" -> summary = csvCheck(args);
      case "anchor" -> summary = anchor(Path.of(args[1]), args[2]);
      case "anchor-undo" -> summary = anchorUndo(Path.of(args[1]));
      case "governance" -> {
        summary = governance(Path.of(args[1]), args[2], args[3], args[4]);
        if (args.length > 5) {
          Path before = Path.of(args[5] + ".before-cutover");
          Files.deleteIfExists(before.resolveSibling(before.getFileName() + ".absent"));
          Files.deleteIfExists(before);
        }
      }
      case "archive" -> summary = archive(Path.of(args[1]), List.of(args).subList(2, args.length));
      case "integration" -> summary = integration(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    System.out.println(summary);
    if (!failures.isEmpty()) {
      System.out.println(failures.size() + " check(s) failed: " + String.join("; ", failures));
      System.exit(1);
    }
  }

  static void check(String name, boolean ok, String detail) {
    checks++;
    System.out.println((ok ? "✓ " : "✗ ") + name + (detail == null ? "" : ": " + detail));
    if (!ok) {
      failures.add(name);
    }
  }

  static String append(Path file, String message) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String line = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy")) + ": " + message;
    Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(line);
    return "{\"appended\":\"" + file + "\"}";
  }

  static String newest(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".db"))
          .max((a, b) -> {
            try {
              return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
              return 0;
            }
          })
          .map(Path::toString).orElse("(no backup in " + dir + ")");
    }
  }

  static String csvCheck(String[] args) throws Exception {
    StringBuilder json = new StringBuilder("{\"files\":[");
    for (int i = 1; i < args.length; i++) {
      Path f = Path.of(args[i]);
      long rows = Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count() : 0;
      String sha = Files.exists(f) ? sha256(f) : "-";
      check(f + " readable, with rows", rows > 0, rows + " rows, sha256 " + sha.substring(0, Math.min(12, sha.length())) + "…, modified "
          + (Files.exists(f) ? Files.getLastModifiedTime(f) : "never"));
      json.append(i > 1 ? "," : "").append("{\"file\":\"").append(f).append("\",\"rows\":").append(rows).append(",\"sha256\":\"")
          .append(sha).append("\"}");
    }
    return json.append("],\"ok\":").append(failures.isEmpty()).append('}').toString();
  }

  static String anchor(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path before = file.resolveSibling(file.getFileName() + ".before-cutover");
    if (!Files.exists(before)) {
      if (Files.exists(file)) {
        Files.copy(file, before);
      } else {
        Files.writeString(before.resolveSibling(before.getFileName() + ".absent"), "");
        Files.writeString(before, "");
      }
    }
    Files.writeString(file, text + "\n");
    check("anchor written", Files.readString(file).strip().equals(text), file + ": " + text);
    return "{\"anchor\":\"" + text + "\"}";
  }

  static String anchorUndo(Path file) throws IOException {
    Path before = file.resolveSibling(file.getFileName() + ".before-cutover");
    Path absent = before.resolveSibling(before.getFileName() + ".absent");
    if (Files.exists(absent)) {
      Files.deleteIfExists(file);
      Files.delete(absent);
      Files.deleteIfExists(before);
    } else if (Files.exists(before)) {
      Files.move(before, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return "{\"anchor\":\"restored\"}";
  }

  static String governance(Path file, String anchor, String projects, String phases) throws IOException {
    append(file, "Production cutover completed");
    Files.writeString(file, "Anchor: " + anchor + "\nProjects: " + projects + ", Phases: " + phases + ", Status: ACTIVE\n",
        StandardOpenOption.APPEND);
    return "{\"governanceLog\":\"" + file + "\"}";
  }

  static String archive(Path dest, List<String> what) throws IOException {
    Files.createDirectories(dest);
    int copied = 0;
    for (String w : what) {
      Path src = Path.of(w);
      if (!Files.exists(src)) {
        continue;
      }
      try (var walk = Files.walk(src)) {
        for (Path f : walk.filter(Files::isRegularFile).toList()) {
          Path to = dest.resolve(Files.isDirectory(src) ? src.getFileName().resolve(src.relativize(f)) : f.getFileName());
          Files.createDirectories(to.getParent());
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
          copied++;
        }
      }
    }
    check("artifacts archived", copied > 0, copied + " file(s) in " + dest);
    return "{\"archived\":" + copied + ",\"location\":\"" + dest + "\"}";
  }

  static String integration(String url, int projects, int phases) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    String health = get(http, url + "/api/health");
    check("health", health.contains("\"status\":\"ok\""), health);
    check("project count", get(http, url + "/api/projects/count").contains("\"count\":" + projects), projects + " expected");
    check("phase count", get(http, url + "/api/phases/count").contains("\"count\":" + phases), phases + " expected");
    String projectList = get(http, url + "/api/projects");
    String phaseList = get(http, url + "/api/phases");
    Set<String> projectIds = new HashSet<>(all(projectList, "projectId"));
    List<String> names = all(projectList, "projectName");
    check("projects listed", projectIds.size() == projects, projectIds.size() + " distinct project ids");
    check("every project has a name", names.size() == projects && names.stream().noneMatch(String::isBlank), names.size() + " names");
    List<String> phaseProjects = all(phaseList, "projectId");
    check("phases listed", phaseProjects.size() == phases, phaseProjects.size() + " phases");
    List<String> orphans = phaseProjects.stream().filter(p -> !projectIds.contains(p)).toList();
    check("every phase belongs to a listed project", orphans.isEmpty(), orphans.isEmpty() ? "none orphaned" : orphans.toString());
    List<String> childless = projectIds.stream().filter(p -> !phaseProjects.contains(p)).sorted().toList();
    check("every project has a phase", childless.isEmpty(), childless.isEmpty() ? "all have phases" : childless.toString());
    return "{\"tests\":" + checks + ",\"passed\":" + (checks - failures.size()) + ",\"failed\":" + failures.size() + "}";
  }

  static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static List<String> all(String json, String key) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"" + key + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String sha256(Path f) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (byte b : MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
