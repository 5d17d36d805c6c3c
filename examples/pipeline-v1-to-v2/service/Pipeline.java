// Stand-in for the Abaco loans analytics pipeline of seed 004, V1 and V2 in one program: the
// version comes from the config file (work/pipeline.json). Every scrape of /metrics is one
// pipeline run over data/loans.csv in 20 batches: KPIs (PAR30, default rate, balances; V2 adds the
// collection rate) go to work/output/kpis-<version>.json, one line per run to the audit trail
// work/audit.log, and the counters to Prometheus text. Runs follow scrapes, not the wall clock,
// so a monitor window sees the same thing in real time and on a time-skipping test server.
//
// Steer it per version through work/steer.properties (re-read every run):  v2=<mode>  v1=<mode>
//   healthy | errors (2 of 20 batches fail) | dataloss (rows dropped) | slow (batches ~0.75 s) |
//   leak (4 MB of native memory kept per run) | audit (the audit trail stops) |
//   logerrors (every run logs an ERROR line, though its batches succeed)
//
// Its input queue (queue_depth in /status.json, pipeline_queue_depth in /metrics) is what a
// graceful stop waits for: batches arrive with POST /admin/enqueue?batches=N (or --queue N at
// start) and the consumer takes 5 a second, in wall-clock time.
//
//   java service/Pipeline.java --port 18400 [--queue N]                   serve
//   java service/Pipeline.java --self-test data/loans_test.csv            the V2 test suite (29 tests)
//   java service/Pipeline.java --prerequisites data/loans.csv              the seed's prerequisite figures:
//       shadow mode (V2's KPIs against V1's on the same loans), a 45,344-iteration stress run and
//       the KPI throughput on 100k rows, as one JSON line for the plan's checks

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;

public class Pipeline {
  record Loan(String id, String segment, double principal, double balance, int dpd, String status) {}

  static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5};
  static String version = "v1";
  static List<Loan> loans;
  static Path steer = Path.of("work/steer.properties");
  static Path audit = Path.of("work/audit.log");
  static Path log = Path.of("work/pipeline.log");
  static Path out = Path.of("work/output");
  static final Random random = new Random(4);
  static final List<ByteBuffer> kept = new ArrayList<>();
  static long runs;
  static long okBatches;
  static long errorBatches;
  static long rowsIn;
  static long rowsOut;
  static final long[] buckets = new long[BUCKETS.length + 1];
  static double durationSum;
  static boolean auditOk = true;
  static long auditEntries;
  static String lastRun = "{}";
  static final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--prerequisites")) {
      System.exit(prerequisites(Path.of(args[1])));
    }
    if (args.length > 0 && args[0].equals("--self-test")) {
      System.exit(SelfTest.run(Path.of(args[1]), Path.of(args.length > 2 ? args[2] : "data/loans.csv")));
    }
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = 18400;
    Path config = Path.of("work/pipeline.json");
    Path data = Path.of("data/loans.csv");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--config" -> config = Path.of(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        case "--queue" -> queued.set(Long.parseLong(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    if (!Files.exists(config)) {
      // First boot of the stand-in production: V1.
      Files.copy(Path.of("config/pipeline.v1.json"), config);
    }
    String cfg = Files.readString(config);
    version = cfg.replaceAll("(?s).*\"version\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    loans = read(data);
    warmUp();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", ex -> {
      if (ex.getRequestURI().getPath().equals("/health/audit")) {
        send(ex, auditOk ? 200 : 503, "{\"audit\":\"" + (auditOk ? "ok" : "failing") + "\",\"entries\":" + auditEntries + "}");
      } else {
        send(ex, 200, "{\"status\":\"ok\",\"version\":\"" + version + "\",\"pid\":" + ProcessHandle.current().pid() + "}");
      }
    });
    server.createContext("/status.json", ex -> send(ex, 200, status()));
    server.createContext("/metrics", ex -> {
      run();
      byte[] b = metrics().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.createContext("/admin/run", ex -> {
      run();
      send(ex, 200, lastRun);
    });
    server.createContext("/admin/enqueue", ex -> {
      String q = ex.getRequestURI().getQuery();
      long n = q != null && q.startsWith("batches=") ? Long.parseLong(q.substring("batches=".length())) : 1;
      send(ex, 200, "{\"queue_depth\":" + queued.addAndGet(n) + "}");
    });
    server.createContext("/admin/shutdown", ex -> {
      log("INFO", "graceful shutdown requested: finishing the current run, flushing the audit trail");
      send(ex, 200, "{\"stopping\":true,\"version\":\"" + version + "\"}");
      new Thread(() -> {
        server.stop(1);
        log("INFO", "pipeline " + version + " stopped after " + runs + " runs");
        System.exit(0);
      }).start();
    });
    Thread consumer = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        queued.updateAndGet(n -> Math.max(0, n - 1));
      }
    }, "queue-consumer");
    consumer.setDaemon(true);
    consumer.start();
    server.start();
    warmUpHttp(port);
    log("INFO", "pipeline " + version + " started on port " + port + " with " + loans.size() + " loans, pid " + ProcessHandle.current().pid());
  }

  static List<Loan> read(Path file) throws IOException {
    List<Loan> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length != 6) {
        throw new IllegalArgumentException("row '" + line + "' has " + f.length + " columns, expected 6");
      }
      double balance = Double.parseDouble(f[3]);
      if (balance < 0) {
        throw new IllegalArgumentException("row " + f[0] + " has a negative balance");
      }
      out.add(new Loan(f[0], f[1], Double.parseDouble(f[2]), balance, Integer.parseInt(f[4]), f[5]));
    }
    return out;
  }

  /** The KPIs of a set of loans, as the given version computes them. */
  static Map<String, Double> kpis(List<Loan> rows, String version) {
    double principal = 0;
    double balance = 0;
    double par30 = 0;
    int defaulted = 0;
    for (Loan l : rows) {
      principal += l.principal();
      balance += l.balance();
      // V1 counted day 30 as past due; V2 uses the standard definition (more than 30 days).
      if (version.equals("v1") ? l.dpd() >= 30 : l.dpd() > 30) {
        par30 += l.balance();
      }
      defaulted += l.status().equals("defaulted") ? 1 : 0;
    }
    Map<String, Double> k = new LinkedHashMap<>();
    k.put("loans", (double) rows.size());
    k.put("total_principal", principal);
    k.put("total_balance", balance);
    k.put("par30", balance == 0 ? 0 : par30 / balance);
    k.put("default_rate", rows.isEmpty() ? 0 : (double) defaulted / rows.size());
    k.put("avg_balance", rows.isEmpty() ? 0 : balance / rows.size());
    if (version.equals("v2")) {
      k.put("collection_rate", principal == 0 ? 0 : (principal - balance) / principal);
    }
    return k;
  }

  static String mode() {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(steer)) {
      p.load(in);
    } catch (IOException missing) {
      return "healthy";
    }
    return p.getProperty(version, "healthy").trim();
  }

  /**
   * Runs the KPI code a few hundred times before serving, so that compiling it is over before
   * anyone measures this process's memory (a monitor's "memory growing" trigger would otherwise
   * see the JIT at work).
   */
  static void warmUp() throws IOException {
    Path dir = Files.createTempDirectory("pipeline-warmup");
    for (int i = 0; i < 500; i++) {
      String text = kpis(loans, "v1").toString() + kpis(loans, "v2") + metrics() + status();
      Path tmp = dir.resolve(".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, dir.resolve("kpis.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(dir.resolve("audit.log"), text.substring(0, 10) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  /** The HTTP side of the warm-up: requests to itself over a plain socket, no side effects. */
  static void warmUpHttp(int port) throws IOException {
    for (int i = 0; i < 300; i++) {
      for (String path : List.of("/health", "/health/audit", "/status.json")) {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
          socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          socket.getInputStream().readAllBytes();
        }
      }
    }
  }

  /** One pipeline run: 20 batches through the KPI calculation, the output, the audit trail. */
  static synchronized void run() throws IOException {
    String mode = mode();
    runs++;
    int batches = 20;
    int size = (loans.size() + batches - 1) / batches;
    List<Loan> processed = new ArrayList<>();
    int failed = 0;
    long in = 0;
    List<Double> durations = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      List<Loan> batch = loans.subList(Math.min(loans.size(), b * size), Math.min(loans.size(), (b + 1) * size));
      in += batch.size();
      double seconds = mode.equals("slow") ? 0.6 + random.nextDouble() * 0.3 : 0.02 + random.nextDouble() * 0.06;
      observe(seconds);
      durations.add(seconds);
      if (mode.equals("errors") && (b == 3 || b == 11)) {
        failed++;
        errorBatches++;
        log("ERROR", "batch " + b + " of run " + runs + " failed: KPI calculation raised on a malformed segment");
        continue;
      }
      okBatches++;
      List<Loan> kept = new ArrayList<>(batch);
      if (mode.equals("dataloss") && b >= 5 && b <= 7 && !kept.isEmpty()) {
        kept.remove(kept.size() - 1);
      }
      processed.addAll(kept);
    }
    rowsIn += in - failed * (long) size;
    rowsOut += processed.size();
    Map<String, Double> k = kpis(processed, version);
    StringBuilder json = new StringBuilder("{\"run\":" + runs + ",\"version\":\"" + version + "\",\"rows_in\":" + (in - failed * (long) size)
        + ",\"rows_out\":" + processed.size() + ",\"failed_batches\":" + failed + ",\"p95_seconds\":"
        + String.format(Locale.ROOT, "%.3f", durations.stream().sorted().toList().get((int) Math.ceil(0.95 * batches) - 1))
        + ",\"avg_seconds\":" + String.format(Locale.ROOT, "%.4f", durations.stream().mapToDouble(d -> d).average().orElse(0))
        + ",\"kpis\":{");
    k.forEach((name, v) -> json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(name).append("\":")
        .append(String.format(Locale.ROOT, "%.6f", v)));
    lastRun = json.append("}}").toString();
    Path file = out.resolve("kpis-" + version + ".json");
    Path tmp = out.resolve(".kpis.tmp");
    Files.writeString(tmp, lastRun + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (mode.equals("audit")) {
      if (auditOk) {
        log("ERROR", "audit trail write failed: disk quota exceeded on the audit volume");
      }
      auditOk = false;
    } else {
      Files.writeString(audit, Instant.now() + " run=" + runs + " version=" + version + " rows_out=" + processed.size() + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      auditOk = true;
      auditEntries++;
    }
    if (mode.equals("logerrors")) {
      log("ERROR", "run " + runs + ": output channel write timed out once, retried and succeeded");
    }
    if (mode.equals("leak")) {
      ByteBuffer b = ByteBuffer.allocateDirect(4 << 20);
      for (int i = 0; i < b.capacity(); i += 4096) {
        b.put(i, (byte) 1);
      }
      kept.add(b);
    }
  }

  static synchronized void observe(double seconds) {
    durationSum += seconds;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        buckets[i]++;
        return;
      }
    }
    buckets[BUCKETS.length]++;
  }

  static synchronized String metrics() {
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE pipeline_runs_total counter\npipeline_runs_total ").append(runs).append('\n');
    sb.append("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ")
        .append(String.format(Locale.ROOT, "%.3f", ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)))
        .append('\n');
    sb.append("# TYPE pipeline_queue_depth gauge\npipeline_queue_depth ").append(queued.get()).append('\n');
    sb.append("# TYPE pipeline_batches_total counter\n");
    sb.append("pipeline_batches_total{outcome=\"ok\"} ").append(okBatches).append('\n');
    sb.append("pipeline_batches_total{outcome=\"error\"} ").append(errorBatches).append('\n');
    sb.append("# TYPE pipeline_rows_total counter\n");
    sb.append("pipeline_rows_total{stage=\"in\"} ").append(rowsIn).append('\n');
    sb.append("pipeline_rows_total{stage=\"out\"} ").append(rowsOut).append('\n');
    sb.append("# TYPE pipeline_batch_duration_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += buckets[i];
      sb.append("pipeline_batch_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
    }
    cumulative += buckets[BUCKETS.length];
    sb.append("pipeline_batch_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
    sb.append(String.format(Locale.ROOT, "pipeline_batch_duration_seconds_sum %.3f%n", durationSum));
    sb.append("pipeline_batch_duration_seconds_count ").append(cumulative).append('\n');
    return sb.toString();
  }

  static synchronized String status() {
    long outputs;
    try (var files = Files.list(out)) {
      outputs = files.filter(f -> f.getFileName().toString().startsWith("kpis-")).count();
    } catch (IOException e) {
      outputs = 0;
    }
    return "{\"version\":\"" + version + "\",\"runs\":" + runs + ",\"rows_in\":" + rowsIn + ",\"rows_out\":" + rowsOut
        + ",\"rows_lost\":" + (rowsIn - rowsOut) + ",\"error_batches\":" + errorBatches + ",\"audit_ok\":" + auditOk
        + ",\"outputs\":" + outputs + ",\"queue_depth\":" + queued.get() + ",\"last_run\":" + lastRun + "}";
  }

  static synchronized void log(String level, String message) {
    try {
      Files.writeString(log, Instant.now() + " " + level + " " + message + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println(level + " " + message);
    }
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  /** The V2 test suite of Phase 2: 29 tests on the test dataset and a production-like one. */
  /** Shadow variance, stress run and throughput of the V2 KPI code (the seed's prerequisites). */
  static int prerequisites(Path data) throws IOException {
    List<Loan> rows = read(data);
    Map<String, Double> v1 = kpis(rows, "v1");
    Map<String, Double> v2 = kpis(rows, "v2");
    double maxVariance = 0;
    StringBuilder variances = new StringBuilder();
    for (Map.Entry<String, Double> e : v1.entrySet()) {
      double a = e.getValue();
      double b = v2.get(e.getKey());
      double variance = a == 0 ? (b == 0 ? 0 : 1) : Math.abs(b - a) / Math.abs(a);
      maxVariance = Math.max(maxVariance, variance);
      variances.append(variances.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":")
          .append(String.format(Locale.ROOT, "%.6f", variance));
    }
    int iterations = 45_344;
    int errors = 0;
    for (int i = 0; i < iterations; i++) {
      try {
        Map<String, Double> k = kpis(rows, "v2");
        if (k.values().stream().anyMatch(v -> v.isNaN() || v.isInfinite()) || k.get("loans") != rows.size()) {
          errors++;
        }
      } catch (RuntimeException e) {
        errors++;
      }
    }
    List<Loan> big = new ArrayList<>(100_000);
    while (big.size() < 100_000) {
      big.add(rows.get(big.size() % rows.size()));
    }
    for (int i = 0; i < 50; i++) {
      kpis(big, "v2"); // warm-up
    }
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t = System.nanoTime();
      kpis(big, "v2");
      best = Math.min(best, System.nanoTime() - t);
    }
    double ms = best / 1e6;
    System.out.println(String.format(Locale.ROOT,
        "{\"shadow_max_variance\":%.6f,\"shadow_variance\":{%s},\"stress_iterations\":%d,\"stress_errors\":%d,"
            + "\"ms_for_100k_rows\":%.3f,\"rows_per_second\":%.0f}",
        maxVariance, variances, iterations, errors, ms, 100_000 / (best / 1e9)));
    return 0;
  }

  static final class SelfTest {
    static int passed;
    static int failed;

    static int run(Path testData, Path productionLike) throws Exception {
      List<Loan> t = read(testData);
      Map<String, Double> k = kpis(t, "v2");
      check("test_reads_all_rows", k.get("loans") == 5);
      check("test_total_principal", near(k.get("total_principal"), 100000));
      check("test_total_balance", near(k.get("total_balance"), 37500));
      check("test_par30_value", near(k.get("par30"), 12500.0 / 37500));
      check("test_par30_excludes_day_30", kpis(List.of(loan(30, 100)), "v2").get("par30") == 0);
      check("test_par30_includes_day_31", kpis(List.of(loan(31, 100)), "v2").get("par30") == 1);
      check("test_default_rate", near(k.get("default_rate"), 0.2));
      check("test_avg_balance", near(k.get("avg_balance"), 7500));
      check("test_collection_rate", near(k.get("collection_rate"), 0.625));
      check("test_zero_balance_loan_counted", kpis(List.of(loan(0, 0)), "v2").get("loans") == 1);
      Map<String, Double> empty = kpis(List.of(), "v2");
      check("test_empty_dataset_zero_kpis", empty.values().stream().allMatch(v -> v == 0 && !v.isNaN()));
      check("test_single_loan", kpis(List.of(loan(0, 50)), "v2").get("avg_balance") == 50);
      check("test_all_defaulted", kpis(List.of(loan(95, 10), loan(120, 10)), "v2").get("default_rate") == 1);
      double bySegment = 0;
      for (String s : new TreeSet<>(t.stream().map(Loan::segment).toList())) {
        bySegment += kpis(t.stream().filter(l -> l.segment().equals(s)).toList(), "v2").get("total_balance");
      }
      check("test_segments_sum_to_total", near(bySegment, 37500));
      check("test_segment_count", new TreeSet<>(t.stream().map(Loan::segment).toList()).size() == 3);
      check("test_rows_out_equals_rows_in", kpis(t, "v2").get("loans") == t.size());
      int covered = 0;
      for (int b = 0; b < 20; b++) {
        int size = (t.size() + 19) / 20;
        covered += t.subList(Math.min(t.size(), b * size), Math.min(t.size(), (b + 1) * size)).size();
      }
      check("test_batches_cover_all_rows", covered == t.size());
      check("test_batch_of_one_row", kpis(t.subList(0, 1), "v2").get("loans") == 1);
      check("test_kpis_in_range", k.get("par30") >= 0 && k.get("par30") <= 1 && k.get("default_rate") <= 1 && k.get("collection_rate") <= 1);
      Path f = Files.createTempFile("kpis", ".json");
      Files.writeString(f, k.toString());
      check("test_output_json_roundtrip", Files.readString(f).equals(k.toString()));
      Files.delete(f);
      check("test_audit_line_format", ("2025-12-27T00:00:00Z run=1 version=v2 rows_out=5").matches("\\S+ run=\\d+ version=v\\d rows_out=\\d+"));
      check("test_idempotent_rerun", kpis(t, "v2").equals(kpis(t, "v2")));
      check("test_negative_balance_rejected", rejects("x,sme,100,-1,0,current"));
      check("test_missing_column_rejected", rejects("x,sme,100,1,0"));
      List<Loan> prod = read(productionLike);
      check("test_production_like_dataset_loads", prod.size() > 100);
      Map<String, Double> p2 = kpis(prod, "v2");
      Map<String, Double> p1 = kpis(prod, "v1");
      check("test_production_like_par30_in_range", p2.get("par30") > 0 && p2.get("par30") < 1);
      double variance = Math.abs(p1.get("par30") - p2.get("par30")) / p1.get("par30");
      check("test_shadow_variance_par30_under_5pct (" + String.format(Locale.ROOT, "%.2f%%", variance * 100) + ")", variance < 0.05);
      check("test_shadow_variance_default_rate_zero", p1.get("default_rate").equals(p2.get("default_rate")));
      List<Loan> big = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        big.add(prod.get(i % prod.size()));
      }
      long start = System.nanoTime();
      kpis(big, "v2");
      long ms = (System.nanoTime() - start) / 1_000_000;
      check("test_performance_100k_rows_under_1s (" + ms + " ms)", ms < 1000);
      System.out.println(passed + "/" + (passed + failed) + " tests passed");
      return failed == 0 ? 0 : 1;
    }

    static Loan loan(int dpd, double balance) {
      return new Loan("x", "sme", 100, balance, dpd, dpd > 90 ? "defaulted" : dpd > 30 ? "delinquent" : "current");
    }

    static boolean rejects(String row) throws IOException {
      Path f = Files.createTempFile("loans", ".csv");
      Files.writeString(f, "h\n" + row + "\n");
      try {
        read(f);
        return false;
      } catch (IllegalArgumentException expected) {
        return true;
      } finally {
        Files.delete(f);
      }
    }

    static boolean near(double a, double b) {
      return Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b));
    }

    static void check(String name, boolean ok) {
      System.out.println((ok ? "✓ " : "✗ ") + name);
      if (ok) {
        passed++;
      } else {
        failed++;
      }
    }
  }
}
