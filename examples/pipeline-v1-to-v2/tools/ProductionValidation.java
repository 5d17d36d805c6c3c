// scripts/production_validation.py of seed 004: five checks of the running pipeline, written to a
// JSON report; exits 1 unless every check is PASS.
//
//   java tools/ProductionValidation.java http://127.0.0.1:18400 work/production_validation_report.json
//       [PIDFILE LOG MAX_MS MAX_MB]
// With the last four, the checkpoint limits of the seed's hour 1 (and its hourly checks) too:
// average batch latency < MAX_MS, resident memory < MAX_MB, no ERROR line in LOG since the running
// version started (warnings are counted and listed, not failed).

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ProductionValidation {
  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    String url = args[0];
    // A validation run on production data ("Test V2 execution"), then the state it left.
    String run = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/run")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String status = http.send(HttpRequest.newBuilder(URI.create(url + "/status.json")).build(), HttpResponse.BodyHandlers.ofString()).body();
    int audit = http.send(HttpRequest.newBuilder(URI.create(url + "/health/audit")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    Map<String, Boolean> checks = new LinkedHashMap<>();
    double par30 = number(run, "par30");
    double defaults = number(run, "default_rate");
    checks.put("KPI Calculations", par30 >= 0 && par30 <= 1 && defaults >= 0 && defaults <= 1 && number(run, "total_balance") > 0);
    checks.put("Data Integrity", number(status, "rows_lost") == 0 && number(run, "rows_out") > 0);
    checks.put("Performance", number(run, "p95_seconds") >= 0 && number(run, "p95_seconds") < 0.5);
    checks.put("Error Handling", number(run, "failed_batches") == 0);
    checks.put("Audit Trail", audit == 200);
    if (args.length >= 6) {
      limits(status, Path.of(args[2]), Path.of(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]), checks);
    }
    StringBuilder json = new StringBuilder("{\n  \"generated_at\": \"" + Instant.now() + "\",\n  \"checks\": {\n");
    int i = 0;
    for (Map.Entry<String, Boolean> c : checks.entrySet()) {
      System.out.println((c.getValue() ? "✓ " : "✗ ") + c.getKey() + ": " + (c.getValue() ? "PASS" : "FAIL"));
      json.append("    \"").append(c.getKey()).append("\": \"").append(c.getValue() ? "PASS" : "FAIL").append('"')
          .append(++i < checks.size() ? ",\n" : "\n");
    }
    boolean pass = checks.values().stream().allMatch(b -> b);
    json.append("  },\n  \"status\": \"").append(pass ? "PASS" : "FAIL").append("\"\n}\n");
    Path report = Path.of(args[1]);
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, json.toString());
    System.out.println("report " + report + ": " + (pass ? "PASS" : "FAIL"));
    System.exit(pass ? 0 : 1);
  }

  static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*(-?[0-9.]+)").matcher(json);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  static void limits(String status, Path pidFile, Path log, double maxMs, double maxMb, Map<String, Boolean> checks) throws Exception {
    double ms = number(status, "avg_seconds") * 1000;
    System.out.println(String.format(java.util.Locale.ROOT, "  average batch latency %.1f ms (limit %.0f ms)", ms, maxMs));
    checks.put("Latency < " + (long) maxMs + "ms", ms >= 0 && ms < maxMs);
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    double rssMb = -1;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rssMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    System.out.println(String.format(java.util.Locale.ROOT, "  pipeline pid %d resident memory %.0f MB (limit %.0f MB)", pid, rssMb, maxMb));
    checks.put("Memory < " + (long) maxMb + "MB", rssMb > 0 && rssMb < maxMb);
    String version = status.replaceAll("(?s).*?\"version\":\"([^\"]+)\".*", "$1");
    java.util.List<String> lines = Files.readAllLines(log);
    int from = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("pipeline " + version + " started")) {
        from = i;
      }
    }
    java.util.List<String> recent = lines.subList(from, lines.size());
    java.util.List<String> errors = recent.stream().filter(l -> l.contains(" ERROR ")).toList();
    java.util.List<String> warnings = recent.stream().filter(l -> l.contains(" WARN ")).toList();
    System.out.println("  log since " + version + " started: " + errors.size() + " ERROR, " + warnings.size() + " WARN line(s)");
    errors.stream().limit(3).forEach(l -> System.out.println("    " + l));
    warnings.stream().limit(3).forEach(l -> System.out.println("    " + l));
    checks.put("No Errors In Logs", errors.isEmpty());
  }
}
