// The operations scripts of seed 004 (scripts/production_cutover.sh and friends), for command steps:
//
//   java tools/Ops.java precheck URL            Phase 0: the 7 pre-cutover checks
//   java tools/Ops.java snapshot URL DIR        Phase 1: config backup, metric snapshot, V1 final state
//   java tools/Ops.java stopped URL SECONDS     Phase 3: verify the pipeline is fully stopped
//   java tools/Ops.java archive DIR             after hour 24: archive V1 for potential future use
//
// Each exits 1 when a check fails, with what it found.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class Ops {
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  static final List<String> failures = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "precheck" -> precheck(args[1]);
      case "snapshot" -> snapshot(args[1], Path.of(args[2]));
      case "stopped" -> stopped(args[1], Integer.parseInt(args[2]));
      case "archive" -> archive(Path.of(args[1]));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    if (!failures.isEmpty()) {
      System.out.println(failures.size() + " check(s) failed: " + String.join("; ", failures));
      System.exit(1);
    }
  }

  static void check(String name, boolean ok, String detail) {
    System.out.println((ok ? "✓ " : "✗ ") + name + (detail == null ? "" : ": " + detail));
    if (!ok) {
      failures.add(name);
    }
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode());
    }
    return r.body();
  }

  static void precheck(String url) throws Exception {
    Path config = Path.of("work/pipeline.json");
    check("production config present", Files.exists(config) && Files.readString(config).contains("\"version\""), config.toString());
    check("V2 config present", Files.readString(Path.of("config/pipeline.v2.json")).contains("\"v2\""), "config/pipeline.v2.json");
    long rows = Files.readAllLines(Path.of("data/loans.csv")).size() - 1;
    check("input data readable", rows > 0, rows + " loans");
    Path out = Path.of("work/output");
    Files.createDirectories(out);
    check("output directory writable", Files.isWritable(out), out.toString());
    long free = Files.getFileStore(out).getUsableSpace() >> 20;
    check("disk space", free > 100, free + " MB free");
    String health;
    try {
      health = get(url + "/health");
    } catch (IOException e) {
      health = e.getMessage();
    }
    check("V1 healthy", health.contains("\"version\":\"v1\""), health);
    String metrics;
    try {
      metrics = get(url + "/metrics");
    } catch (IOException e) {
      metrics = e.getMessage();
    }
    check("monitoring endpoint answers", metrics.contains("pipeline_runs_total"), "pipeline_runs_total exposed");
    if (failures.isEmpty()) {
      System.out.println("All 7 checks pass");
    }
  }

  static void snapshot(String url, Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.copy(Path.of("work/pipeline.json"), dir.resolve("pipeline.json"), StandardCopyOption.REPLACE_EXISTING);
    check("configuration backup", Files.exists(dir.resolve("pipeline.json")), dir.resolve("pipeline.json").toString());
    Files.writeString(dir.resolve("metrics-snapshot.txt"), get(url + "/metrics"));
    check("metric snapshot", true, dir.resolve("metrics-snapshot.txt").toString());
    String state = get(url + "/status.json");
    Files.writeString(dir.resolve("v1-final-state.json"), state);
    check("V1 final state recorded", state.contains("\"version\":\"v1\""), dir.resolve("v1-final-state.json").toString());
  }

  static void stopped(String url, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        Thread.sleep(200);
      } catch (IOException refused) {
        check("fully stopped", true, url + " no longer answers");
        return;
      }
    }
    check("fully stopped", false, url + " still answers after " + seconds + "s");
  }

  static void archive(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.copy(Path.of("config/pipeline.v1.json"), dir.resolve("pipeline.v1.json"), StandardCopyOption.REPLACE_EXISTING);
    check("V1 archived", true, dir.resolve("pipeline.v1.json").toString());
  }
}
