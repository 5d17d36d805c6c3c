// Stand-in for seed 001's application: a small HTTP API on loopback that reads its provider
// (DatabaseProvider = Sqlite or Postgres) from appsettings.json once, at start-up, and serves the
// tool list, detail and slug endpoints from whichever database that names. The cutover switches
// the provider in the file and restarts it, so the switch is real.
//
//   java -cp <cutover.jar> service/ToolsApp.java --port 18090 --config work/appsettings.json \
//        --defaults fixtures/appsettings.json --maintenance-flag work/maintenance.flag \
//        --steer work/steer.properties [--provider Postgres --postgres-url URL]
// (--provider/--postgres-url override the file: the cutover starts a staging slot that way, a
// second instance on PostgreSQL for the smoke checks before the switch.)
//
// /health says whether the maintenance flag is set and how many write requests are in flight
// (writesInFlight: always 0 here, since the stand-in serves reads only; a real app counts the
// writes it is still serving after the freeze, and the cutover's hold waits for 0).
// /metrics serves Prometheus text for the stabilization window; each scrape also serves a batch
// of simulated user requests. A test (or you) steers how the app behaves on each provider with
// work/steer.properties, read on every request: `Postgres=5xx` (8% of requests fail, each logged
// as an ERROR with its DB exception category), `slow` (p95 above 500 ms, slow queries counted),
// `down` (/health answers 503), `pool` (the connection pool exhausted: waits and timeouts, some
// requests fail) or `4xx` (10% of requests answer 404); anything else is healthy (1% 404s, as
// users mistype slugs).
//
// /metrics also has what seed 001's monitoring checklist tracks: requests by code and endpoint
// (4xx/5xx distribution), exceptions by endpoint and DB exception category (timeout, deadlock,
// auth, constraint), the connection pool (active, idle, max, waits, timeouts), slow queries above
// 500 ms, and the latency histogram (p50/p95/p99). Start-up writes "host boot ok" and "DI/service
// initialization ok" to stdout (the service log) and /health reports them.

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

public class ToolsApp {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
  private static String provider;
  private static String url;
  private static Properties props = new Properties();
  private static Path maintenanceFlag;
  private static Path steer = Path.of("work/steer.properties");
  private static volatile long unhandled;

  public static void main(String[] args) throws Exception {
    // Without it every scrape waits for the delayed ACK (~40 ms) and latency figures mean nothing.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = 18090;
    Path config = Path.of("work/appsettings.json");
    Path defaults = null;
    String providerOverride = null;
    String postgresUrlOverride = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--config" -> config = Path.of(args[i + 1]);
        case "--defaults" -> defaults = Path.of(args[i + 1]);
        case "--maintenance-flag" -> maintenanceFlag = Path.of(args[i + 1]);
        case "--steer" -> steer = Path.of(args[i + 1]);
        case "--provider" -> providerOverride = args[i + 1];
        case "--postgres-url" -> postgresUrlOverride = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.exists(config) && defaults != null) {
      // First deployment: the default configuration ships with the application.
      Files.createDirectories(config.toAbsolutePath().getParent());
      Files.copy(defaults, config);
    }
    JsonNode settings = JSON.readTree(Files.readString(config));
    provider = providerOverride != null ? providerOverride : settings.path("DatabaseProvider").asText();
    if (provider.equalsIgnoreCase("Postgres")) {
      url = postgresUrlOverride != null ? postgresUrlOverride : settings.path("ConnectionStrings").path("Postgres").asText();
      props.setProperty("user", settings.path("Postgres").path("User").asText());
      props.setProperty("password", Files.readString(Path.of(settings.path("Postgres").path("PasswordFile").asText())).trim());
    } else if (provider.equalsIgnoreCase("Sqlite")) {
      url = "jdbc:sqlite:" + settings.path("ConnectionStrings").path("Sqlite").asText() + "?open_mode=1";
    } else {
      throw new IllegalStateException("unknown DatabaseProvider '" + provider + "' in " + config);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", ex -> respond(ex, ToolsApp::health));
    server.createContext("/api/counts", ex -> respond(ex, ToolsApp::counts));
    server.createContext("/metrics", ToolsApp::metrics);
    server.createContext("/api/tools", ex -> respond(ex, () -> tools(ex.getRequestURI().getRawPath())));
    System.out.println("INFO host boot ok: HTTP server bound to 127.0.0.1:" + port);
    try (Connection c = open()) {
      System.out.println("INFO DI/service initialization ok: database provider " + provider + " connected (" + c.getMetaData().getDatabaseProductName() + ")");
    }
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      unhandled++;
      System.out.println("ERROR Unhandled exception in " + t.getName() + ": " + e);
    });
    server.start();
    System.out.println("tools app on 127.0.0.1:" + port + " with DatabaseProvider=" + provider + " (pid " + ProcessHandle.current().pid() + ")");
  }

  interface Body {
    JsonNode get() throws SQLException, IOException;
  }

  private static void respond(HttpExchange ex, Body body) throws IOException {
    int status = 200;
    JsonNode out;
    try {
      out = body.get();
      if (out == null) {
        status = 404;
        out = JSON.createObjectNode().put("error", "not found");
      }
    } catch (SQLException e) {
      status = 503;
      out = JSON.createObjectNode().put("status", "error").put("provider", provider).put("error", e.getMessage());
    }
    byte[] bytes = JSON.writeValueAsBytes(out);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(bytes);
    }
  }

  private static Connection open() throws SQLException {
    return DriverManager.getConnection(url, props);
  }

  private static JsonNode health() throws SQLException {
    if (mode().equals("down")) {
      throw new SQLException("steered down: the " + provider + " database does not answer");
    }
    ObjectNode n = JSON.createObjectNode().put("status", "ok").put("provider", provider);
    n.put("maintenance", maintenanceFlag != null && Files.exists(maintenanceFlag));
    n.put("writesInFlight", 0); // reads only: see the header
    n.put("tools", count("ToolContents"));
    n.putObject("startup").put("hostBoot", "ok").put("services", "ok").put("unhandledExceptions", unhandled);
    return n;
  }

  private static JsonNode counts() throws SQLException {
    ObjectNode n = JSON.createObjectNode().put("provider", provider);
    for (String t : new String[] {"ToolCategories", "ToolContents", "ToolFeatures", "ToolSteps"}) {
      n.put(t, count(t));
    }
    return n;
  }

  private static long count(String table) throws SQLException {
    try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"" + table + "\""); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** /api/tools (list), /api/tools/{id} (detail), /api/tools/slug/{slug} (trim and case-insensitive). */
  private static JsonNode tools(String path) throws SQLException {
    String rest = path.replaceFirst("^/api/tools/?", "");
    String base = "SELECT t.\"Id\", t.\"Slug\", t.\"Title\", t.\"Rating\", t.\"IsPublished\", t.\"ReleaseDate\", c.\"Name\" AS category"
        + " FROM \"ToolContents\" t JOIN \"ToolCategories\" c ON c.\"Id\" = t.\"CategoryId\"";
    try (Connection c = open()) {
      if (rest.isEmpty()) {
        ArrayNode list = JSON.createArrayNode();
        try (PreparedStatement ps = c.prepareStatement(base + " WHERE t.\"IsPublished\" = ? ORDER BY t.\"Id\"")) {
          ps.setBoolean(1, true);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              list.add(tool(rs));
            }
          }
        }
        return list;
      }
      PreparedStatement ps;
      if (rest.startsWith("slug/")) {
        ps = c.prepareStatement(base + " WHERE lower(trim(t.\"Slug\")) = lower(trim(?))");
        ps.setString(1, URLDecoder.decode(rest.substring(5), StandardCharsets.UTF_8));
      } else {
        ps = c.prepareStatement(base + " WHERE t.\"Id\" = ?");
        ps.setLong(1, Long.parseLong(rest));
      }
      try (ps; ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        ObjectNode t = tool(rs);
        ArrayNode features = t.putArray("features");
        try (PreparedStatement f = c.prepareStatement("SELECT \"Name\" FROM \"ToolFeatures\" WHERE \"ToolContentId\" = ? ORDER BY \"Position\"")) {
          f.setLong(1, rs.getLong(1));
          try (ResultSet fr = f.executeQuery()) {
            while (fr.next()) {
              features.add(fr.getString(1));
            }
          }
        }
        return t;
      }
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static ObjectNode tool(ResultSet rs) throws SQLException {
    ObjectNode t = JSON.createObjectNode();
    t.put("id", rs.getLong(1)).put("slug", rs.getString(2)).put("title", rs.getString(3));
    double rating = rs.getDouble(4);
    if (rs.wasNull()) {
      t.putNull("rating");
    } else {
      t.put("rating", rating);
    }
    t.put("published", rs.getBoolean(5)).put("releaseDate", rs.getString(6)).put("category", rs.getString(7));
    return t;
  }

  /** How the app behaves now on its provider, from the steer file (healthy when absent). */
  private static String mode() {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(steer)) {
      p.load(in);
    } catch (IOException absent) {
      return "healthy";
    }
    return p.getProperty(provider, "healthy").trim();
  }

  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  private static final long[] bucketCounts = new long[BUCKETS.length + 1];
  private static final java.util.Map<String, Long> codes = new java.util.TreeMap<>();
  private static final java.util.Map<String, Long> exceptions = new java.util.TreeMap<>();
  private static final String[] ENDPOINTS = {"/api/tools", "/api/tools/{id}", "/api/tools/slug/{slug}", "/health"};
  private static final String[] CATEGORIES = {"timeout", "deadlock", "auth", "constraint"};
  private static final java.util.Random random = new java.util.Random();
  private static double latencySum;
  private static long poolWaits;
  private static long poolTimeouts;
  private static long slowQueries;
  private static final int POOL_MAX = 20;

  /** Serves a batch of simulated user traffic, then the counters as Prometheus text. */
  private static void metrics(HttpExchange ex) throws IOException {
    String mode = mode();
    StringBuilder sb = new StringBuilder();
    synchronized (ToolsApp.class) {
      int active = mode.equals("pool") ? POOL_MAX : 2 + random.nextInt(3);
      for (int i = 0; i < 200; i++) {
        String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
        String category = null;
        int code = 200;
        if (mode.equals("5xx") && random.nextDouble() < 0.08 || mode.equals("down")) {
          code = 503;
          category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        } else if (mode.equals("pool") && random.nextDouble() < 0.3) {
          poolWaits++;
          if (random.nextDouble() < 0.2) {
            poolTimeouts++;
            code = 503;
            category = "timeout";
          }
        } else if (random.nextDouble() < (mode.equals("4xx") ? 0.10 : 0.01)) {
          code = 404;
        }
        codes.merge(code + "\t" + endpoint, 1L, Long::sum);
        if (category != null) {
          exceptions.merge(category + "\t" + endpoint, 1L, Long::sum);
          System.out.println("ERROR " + endpoint + " failed on " + provider + ": DB exception (" + category + ")");
        }
        double seconds = mode.equals("slow") ? 0.6 + random.nextDouble() * 0.4 : 0.005 + random.nextDouble() * 0.05;
        if (seconds > 0.5) {
          slowQueries++;
        }
        latencySum += seconds;
        int b = 0;
        while (b < BUCKETS.length && seconds > BUCKETS[b]) {
          b++;
        }
        bucketCounts[b]++;
      }
      sb.append("# TYPE http_requests_total counter\n");
      codes.forEach((k, n) -> {
        String[] ce = k.split("\t");
        sb.append("http_requests_total{code=\"").append(ce[0]).append("\",endpoint=\"").append(ce[1]).append("\"} ").append(n).append('\n');
      });
      sb.append("# TYPE app_db_exceptions_total counter\n");
      for (String category : CATEGORIES) {
        for (String endpoint : ENDPOINTS) {
          sb.append("app_db_exceptions_total{category=\"").append(category).append("\",endpoint=\"").append(endpoint).append("\"} ")
              .append(exceptions.getOrDefault(category + "\t" + endpoint, 0L)).append('\n');
        }
      }
      sb.append("# TYPE db_pool_active_connections gauge\ndb_pool_active_connections ").append(active).append('\n');
      sb.append("# TYPE db_pool_idle_connections gauge\ndb_pool_idle_connections ").append(POOL_MAX - active).append('\n');
      sb.append("# TYPE db_pool_max_connections gauge\ndb_pool_max_connections ").append(POOL_MAX).append('\n');
      sb.append("# TYPE db_pool_wait_total counter\ndb_pool_wait_total ").append(poolWaits).append('\n');
      sb.append("# TYPE db_pool_timeouts_total counter\ndb_pool_timeouts_total ").append(poolTimeouts).append('\n');
      sb.append("# TYPE db_slow_queries_total counter\ndb_slow_queries_total ").append(slowQueries).append('\n');
      sb.append("# TYPE http_request_duration_seconds histogram\n");
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += bucketCounts[i];
        sb.append("http_request_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
      }
      cumulative += bucketCounts[BUCKETS.length];
      sb.append("http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
      sb.append(String.format(java.util.Locale.ROOT, "http_request_duration_seconds_sum %.3f%n", latencySum));
      sb.append("http_request_duration_seconds_count ").append(cumulative).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(bytes);
    }
  }
}
