// scripts/production_validation.py of seed 004: five checks of the running pipeline, written to a
// JSON report; exits 1 unless every check is PASS.
//
//   java tools/ProductionValidation.java http://127.0.0.1:18400 work/production_validation_report.json

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
}
