// Stand-in for the oApp backend and API gateway of seed 000: a small HTTP API on loopback that
// reads the production SQLite database on every request. The cutover plan restarts it (as
// `systemctl restart oapp-backend-service` would) and probes it.
//
// Run with the Java source launcher and a classpath holding the SQLite JDBC driver:
//   java -cp <cutover.jar> service/OappApi.java --port 18080 --db work/oapp_production.db \
//        [--maintenance-flag work/maintenance.flag] [--steer work/steer.properties]
//
// /api/health also says whether the maintenance window is announced (the flag file and its
// message). /metrics serves Prometheus text for the extended monitoring: every scrape first serves
// a batch of user requests against the database (project and phase lists, counts), then the
// request counters by code and the latency histogram. A failed request answers 503 and logs an
// ERROR line (database-related) to stdout, the service log. work/steer.properties (re-read on
// every request) breaks it on purpose while it serves the rebuilt hierarchy (projects imported
// from Notion, i.e. with a Notion URL), so a restore of the old database cures it, as a rollback
// would: `rebuilt=5xx` (5% of requests fail), `rebuilt=slow` (each request takes 0.6-0.9 s),
// `rebuilt=dberrors` (requests succeed but each scrape logs a database error), `rebuilt=down`
// (/api/health and /metrics answer 503).

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

public class OappApi {
  private static String db;
  private static java.nio.file.Path maintenanceFlag;
  private static java.nio.file.Path steer = java.nio.file.Path.of("work/steer.properties");
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  private static final long[] buckets = new long[BUCKETS.length + 1];
  private static final java.util.Map<Integer, Long> codes = new java.util.TreeMap<>();
  private static final java.util.Random random = new java.util.Random();
  private static double latencySum;

  public static void main(String[] args) throws IOException {
    int port = 18080;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--db" -> db = args[i + 1];
        case "--maintenance-flag" -> maintenanceFlag = java.nio.file.Path.of(args[i + 1]);
        case "--steer" -> steer = java.nio.file.Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/api/health", ex -> respond(ex, () -> {
      if (mode().equals("down")) {
        throw new SQLException("steered down: the database does not answer");
      }
      return "{\"status\":\"ok\",\"database\":\"ok\",\"projects\":" + count("projects_canonical") + ",\"maintenance\":" + maintenance() + "}";
    }));
    server.createContext("/metrics", OappApi::metrics);
    server.createContext("/api/projects/count", ex -> respond(ex, () -> "{\"count\":" + count("projects_canonical") + "}"));
    server.createContext("/api/phases/count", ex -> respond(ex, () -> "{\"count\":" + count("phases_canonical") + "}"));
    server.createContext("/api/projects", ex -> respond(ex, () -> rows("SELECT projectId, projectName, status FROM projects_canonical ORDER BY projectId")));
    server.createContext("/api/phases", ex -> respond(ex, () -> rows("SELECT phaseId, projectId, phaseName, sequence FROM phases_canonical ORDER BY phaseId")));
    server.start();
    System.out.println("oApp API stand-in on 127.0.0.1:" + port + " reading " + db + " (pid " + ProcessHandle.current().pid() + ")");
  }

  interface Body {
    String get() throws SQLException;
  }

  private static void respond(HttpExchange ex, Body body) throws IOException {
    int status = 200;
    String text;
    try {
      text = body.get();
    } catch (SQLException e) {
      System.out.println("ERROR " + ex.getRequestURI().getPath() + ": database error: " + e.getMessage());
      status = 503;
      text = "{\"status\":\"error\",\"database\":" + quote(e.getMessage()) + "}";
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** "false", or the announcement the maintenance flag holds. */
  private static String maintenance() {
    try {
      return maintenanceFlag != null && java.nio.file.Files.exists(maintenanceFlag)
          ? quote(java.nio.file.Files.readString(maintenanceFlag).strip()) : "false";
    } catch (IOException e) {
      return "true";
    }
  }

  private static String mode() {
    java.util.Properties p = new java.util.Properties();
    try (var in = java.nio.file.Files.newBufferedReader(steer)) {
      p.load(in);
    } catch (IOException absent) {
      return "healthy";
    }
    String mode = p.getProperty("rebuilt", "healthy").trim();
    if (mode.equals("healthy")) {
      return mode;
    }
    try (Connection c = open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM projects_canonical WHERE notionUrl IS NOT NULL")) {
      return rs.next() && rs.getLong(1) > 0 ? mode : "healthy";
    } catch (SQLException e) {
      return mode;
    }
  }

  /** A batch of user requests against the database, then the counters as Prometheus text. */
  private static synchronized void metrics(HttpExchange ex) throws IOException {
    String mode = mode();
    if (mode.equals("down")) {
      // A service that is down serves no metrics either: the window sees no data, and its probe.
      ex.sendResponseHeaders(503, -1);
      ex.close();
      return;
    }
    String[] queries = {
      "SELECT projectId, projectName, status FROM projects_canonical ORDER BY projectId",
      "SELECT phaseId, projectId, phaseName, sequence FROM phases_canonical ORDER BY phaseId",
      "SELECT COUNT(*) FROM projects_canonical", "SELECT COUNT(*) FROM phases_canonical"};
    for (int i = 0; i < 50; i++) {
      long t = System.nanoTime();
      int code = 200;
      try {
        rows(queries[i % queries.length]);
        if (mode.equals("5xx") && random.nextDouble() < 0.05) {
          throw new SQLException("SQLITE_BUSY: database is locked");
        }
      } catch (SQLException e) {
        code = 503;
        System.out.println("ERROR /api request failed: database error: " + e.getMessage());
      }
      double seconds = (System.nanoTime() - t) / 1e9 + (mode.equals("slow") ? 0.6 + random.nextDouble() * 0.3 : 0);
      codes.merge(code, 1L, Long::sum);
      latencySum += seconds;
      int b = 0;
      while (b < BUCKETS.length && seconds > BUCKETS[b]) {
        b++;
      }
      buckets[b]++;
    }
    if (mode.equals("dberrors")) {
      System.out.println("ERROR phases_canonical: database error: FOREIGN KEY constraint failed on a background refresh");
    }
    StringBuilder sb = new StringBuilder("# TYPE http_requests_total counter\n");
    codes.forEach((c, n) -> sb.append("http_requests_total{code=\"").append(c).append("\"} ").append(n).append('\n'));
    sb.append("# TYPE http_request_duration_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += buckets[i];
      sb.append("http_request_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
    }
    cumulative += buckets[BUCKETS.length];
    sb.append("http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
    sb.append(String.format(java.util.Locale.ROOT, "http_request_duration_seconds_sum %.4f%n", latencySum));
    sb.append("http_request_duration_seconds_count ").append(cumulative).append('\n');
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Connection open() throws SQLException {
    // A fresh connection per request: after a restore the API reads the restored file.
    return DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
  }

  private static long count(String table) throws SQLException {
    try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String rows(String sql) throws SQLException {
    StringBuilder sb = new StringBuilder("[");
    try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      boolean first = true;
      while (rs.next()) {
        sb.append(first ? "" : ",").append('{');
        first = false;
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(i > 1 ? "," : "").append(quote(md.getColumnLabel(i))).append(':');
          Object v = rs.getObject(i);
          sb.append(v == null ? "null" : v instanceof Number ? v.toString() : quote(v.toString()));
        }
        sb.append('}');
      }
    }
    return sb.append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : String.valueOf(s).toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
      }
    }
    return sb.append('"').toString();
  }
}
