// Stand-in for the Syntra backend of seed 003: an HTTP API on loopback that serves threads,
// RLS-scoped reads, vector search and storage checks from the database its .env names, exposes
// Prometheus metrics, and writes an application log. It reads DATABASE_URL once at start-up, as
// the real backend's connection pool does, so a connection-string switch needs a restart.
//
// Old system: DATABASE_URL=sqlite:<file> (standing in for old-postgres) with vectors in the
// Qdrant export. New system: DATABASE_URL=postgresql://<role>@<host>:<port>/<db>?<libpq params>
// (the password is read from DATABASE_PASSWORD_FILE, never kept in the .env), through the
// transaction pooler; every request runs in one transaction that first sets its org with
// set_config('app.org_id', org, true) -- SET LOCAL, the only context a transaction pooler keeps --
// and the database's row-level security does the filtering; search is pgvector's <=> operator.
//
// A test (or you) can steer how it behaves on each database through work/steer.properties,
// re-read on every request:   new=<mode>   old=<mode>   with mode one of
//   healthy | 5xx (8% of requests fail) | slow (p95 ~ 900 ms) | rls-leak | db-errors |
//   search-broken | threads-broken | log-errors (one ERROR line per scrape)
// Every scrape of /metrics also serves a batch of 200 simulated user requests, so rates and
// latencies move with sampling rather than with the wall clock.
//
//   java -cp <cutover.jar> service/SyntraBackend.java --port 18300 --env work/backend.env

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

public class SyntraBackend {
  static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5};
  static String db;
  static String pgUrl;
  static String pgUser;
  static String pgPassword;
  static int pgPort;
  static String store;
  static String vectors;
  static String qdrantExport;
  static Path log = Path.of("work/backend.log");
  static Path steer = Path.of("work/steer.properties");
  static Path maintenance = Path.of("work/maintenance.flag");
  static String token;
  static final Random random = new Random(3);
  static final long[] codes = new long[600];
  static final long[] bucketCounts = new long[BUCKETS.length + 1];
  static double latencySum;

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = 18300;
    Path env = Path.of("work/backend.env");
    Path tokenFile = Path.of("secrets/admin-token");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--env" -> env = Path.of(args[i + 1]);
        case "--log" -> log = Path.of(args[i + 1]);
        case "--steer" -> steer = Path.of(args[i + 1]);
        case "--token-file" -> tokenFile = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(Path.of("work"));
    if (!Files.exists(env)) {
      // First boot of the stand-in production: it runs on the old database.
      Files.copy(Path.of("config/backend.env.old"), env);
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(env)) {
      p.load(in);
    }
    // dotenv quoting: a value with URL punctuation is written "...", as dotenv readers expect
    p.replaceAll((k, v) -> v.toString().matches("^\".*\"$") ? v.toString().substring(1, v.toString().length() - 1) : v);
    db = p.getProperty("DATABASE_URL", "");
    if (db.startsWith("postgresql://")) {
      // postgresql://role@host:port/db?params -> the JDBC URL and role; prepared statements stay
      // unnamed (prepareThreshold=0): a transaction pooler may hand the next one another server.
      java.net.URI u = java.net.URI.create(db);
      pgUser = u.getUserInfo();
      pgPort = u.getPort();
      pgUrl = "jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + u.getPath() + "?prepareThreshold=0"
          + (u.getRawQuery() == null ? "" : "&" + u.getRawQuery());
      pgPassword = Files.readString(Path.of(p.getProperty("DATABASE_PASSWORD_FILE"))).trim();
      store = "new";
    } else {
      db = db.replaceFirst("^sqlite:", "");
      store = "old";
    }
    vectors = p.getProperty("VECTOR_BACKEND", "qdrant");
    qdrantExport = p.getProperty("QDRANT_EXPORT");
    token = Files.readString(tokenFile).trim();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", ex -> send(ex, 200, "{\"status\":\"" + (Files.exists(maintenance) ? "maintenance" : "healthy")
        + "\",\"database\":\"" + store + "\",\"vectors\":\"" + vectors + "\",\"port\":" + pgPort + "}"));
    server.createContext("/admin/maintenance", SyntraBackend::maintenance);
    server.createContext("/api/db", ex -> api(ex, () -> database(org(ex))));
    server.createContext("/api/threads", ex -> api(ex, () -> threads(ex.getRequestHeaders().getFirst("x-org-id"))));
    server.createContext("/api/search", ex -> api(ex, () -> search(query(ex, "org"), query(ex, "q"))));
    server.createContext("/api/storage", ex -> api(ex, () -> storage(org(ex))));
    server.createContext("/metrics", SyntraBackend::metrics);
    server.start();
    log("INFO", "backend started on the " + store + " database (" + db + "), vector search via " + vectors + ", pid " + ProcessHandle.current().pid());
  }

  interface Body {
    String get() throws Exception;
  }

  static String mode() {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(steer)) {
      p.load(in);
    } catch (IOException missing) {
      return "healthy";
    }
    return p.getProperty(store, "healthy").trim();
  }

  static synchronized void count(int code) {
    codes[code]++;
  }

  static void api(HttpExchange ex, Body body) throws IOException {
    long start = System.nanoTime();
    int status = 200;
    String text;
    try {
      text = body.get();
    } catch (Exception e) {
      status = 500;
      text = "{\"status\":\"error\",\"error\":" + quote(String.valueOf(e.getMessage())) + "}";
      log("ERROR", ex.getRequestURI().getPath() + " failed: " + e.getMessage());
    }
    count(status);
    observe((System.nanoTime() - start) / 1e9);
    send(ex, status, text);
  }

  static String org(HttpExchange ex) {
    String org = ex.getRequestHeaders().getFirst("x-org-id");
    return org != null ? org : query(ex, "org") != null ? query(ex, "org") : "org_demo";
  }

  interface Work<T> {
    T run(Connection c) throws Exception;
  }

  /** One transaction with the org's RLS context (SET LOCAL) on PostgreSQL; a plain connection on SQLite. */
  static <T> T inOrg(String org, boolean stale, Work<T> work) throws Exception {
    try (Connection c = open()) {
      if (pgUrl == null) {
        return work.run(c);
      }
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement("SELECT set_config('app.org_id', ?, ?)")) {
        // stale: the bug the seed warns of, a session-wide SET that outlives the transaction on a
        // pooled connection and serves the next request another org's rows
        st.setString(1, stale ? "org_acme" : org);
        st.setBoolean(2, !stale);
        st.execute();
      }
      T out = work.run(c);
      c.commit();
      return out;
    }
  }

  static String database(String org) throws Exception {
    return inOrg(org, false, c -> {
      long threads = scalar(c, pgUrl == null ? "SELECT COUNT(*) FROM threads WHERE org_id = '" + org.replace("'", "''") + "'" : "SELECT COUNT(*) FROM threads");
      long tables = pgUrl == null ? scalar(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
          : scalar(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'");
      boolean ssl = pgUrl != null && scalar(c, "SELECT COUNT(*) FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl") == 1;
      long connections = pgUrl == null ? 1 : scalar(c, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()");
      return "{\"status\":\"ok\",\"database\":\"" + store + "\",\"port\":" + pgPort + ",\"ssl\":" + ssl
          + ",\"tables\":" + tables + ",\"threads\":" + threads + ",\"connections\":" + connections + "}";
    });
  }

  static String storage(String org) throws Exception {
    return inOrg(org, false, c -> {
      if (pgUrl == null) {
        return "{\"status\":\"ok\",\"attachments\":" + scalar(c, "SELECT COUNT(*) FROM attachments WHERE file_data IS NOT NULL") + "}";
      }
      long objects = scalar(c, "SELECT COUNT(*) FROM storage_objects");
      long missing = scalar(c, "SELECT COUNT(*) FROM attachments a WHERE a.storage_path IS NOT NULL"
          + " AND NOT EXISTS (SELECT 1 FROM storage_objects o WHERE o.name = a.storage_path)");
      return "{\"status\":\"" + (missing == 0 ? "ok" : "missing-objects") + "\",\"objects\":" + objects + ",\"missing\":" + missing + "}";
    });
  }

  static String threads(String org) throws Exception {
    if (org == null) {
      throw new SQLException("no x-org-id header: RLS context missing");
    }
    if (mode().equals("threads-broken")) {
      throw new SQLException("threads query failed: relation \"threads\" is not readable by this role");
    }
    boolean leak = mode().equals("rls-leak");
    if (leak) {
      log("CRITICAL", "RLS context missing on a pooled connection: data leak across orgs (" + org + " was served other orgs' threads)");
    }
    List<String> rows = new ArrayList<>();
    int[] foreign = {0};
    inOrg(org, leak, c -> {
      String sql = pgUrl != null ? "SELECT id, org_id, title FROM threads ORDER BY id"
          : leak ? "SELECT id, org_id, title FROM threads ORDER BY id" : "SELECT id, org_id, title FROM threads WHERE org_id = ? ORDER BY id";
      try (PreparedStatement st = c.prepareStatement(sql)) {
        if (pgUrl == null && !leak) {
          st.setString(1, org);
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            foreign[0] += rs.getString(2).equals(org) ? 0 : 1;
            rows.add("{\"id\":" + rs.getLong(1) + ",\"title\":" + quote(rs.getString(3)) + "}");
          }
        }
      }
      return null;
    });
    return "{\"org\":" + quote(org) + ",\"threads\":[" + String.join(",", rows) + "],\"foreign\":" + foreign[0] + "}";
  }

  static String search(String org, String q) throws Exception {
    if (mode().equals("search-broken")) {
      throw new SQLException("vector search failed: operator does not exist: vector <=> vector");
    }
    double[] query = embed(q == null ? "" : q);
    long[] took = {0};
    List<String> out = pgUrl != null ? pgvectorSearch(org, query, took) : qdrantSearch(org, query, took);
    // latency_ms: the search itself, as the real backend's pooled connections see it (this
    // stand-in opens a TLS connection per request, which a pool does not)
    return String.format(Locale.ROOT, "{\"backend\":\"%s\",\"org\":%s,\"results\":[%s],\"latency_ms\":%.1f}",
        vectors, quote(org), String.join(",", out), took[0] / 1e6);
  }

  /** pgvector: the database ranks by cosine distance; RLS keeps it to the org. */
  static List<String> pgvectorSearch(String org, double[] query, long[] took) throws Exception {
    String literal = java.util.Arrays.toString(query).replace(" ", "");
    return inOrg(org, false, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT id, text, 1 - (embedding <=> ?::vector) FROM memory_fragments"
          + " WHERE embedding IS NOT NULL ORDER BY embedding <=> ?::vector, id LIMIT 3")) {
        st.setString(1, literal);
        st.setString(2, literal);
        long start = System.nanoTime();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(String.format(Locale.ROOT, "{\"id\":%d,\"text\":%s,\"score\":%.4f}", rs.getLong(1), quote(rs.getString(2)), rs.getDouble(3)));
          }
        }
        took[0] = System.nanoTime() - start;
      }
      return out;
    });
  }

  /** The old system: fragments from the database, their vectors from the Qdrant export. */
  static List<String> qdrantSearch(String org, double[] query, long[] took) throws Exception {
    long start = System.nanoTime();
    List<double[]> scored = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (Connection c = open(); PreparedStatement st = c.prepareStatement("SELECT id, text, vector_id FROM memory_fragments WHERE org_id = ?")) {
      st.setString(1, org);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String emb = fromQdrant(rs.getString(3));
          if (emb == null) {
            continue;
          }
          scored.add(new double[] {rs.getLong(1), cosine(query, parse(emb))});
          texts.add(rs.getString(2));
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(scored.get(b)[1], scored.get(a)[1]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(3, order.size()); i++) {
      int k = order.get(i);
      out.add(String.format(Locale.ROOT, "{\"id\":%d,\"text\":%s,\"score\":%.4f}", (long) scored.get(k)[0], quote(texts.get(k)), scored.get(k)[1]));
    }
    took[0] = System.nanoTime() - start;
    return out;
  }

  static String fromQdrant(String vectorId) throws IOException {
    for (String line : Files.readAllLines(Path.of(qdrantExport))) {
      if (line.contains("\"" + vectorId + "\"")) {
        return line.substring(line.indexOf("\"vector\":") + 9, line.lastIndexOf(']') + 1);
      }
    }
    return null;
  }

  static double[] embed(String text) {
    double[] v = new double[8];
    for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), 8)] += 1;
      }
    }
    return v;
  }

  static double[] parse(String json) {
    String[] parts = json.replace("[", "").replace("]", "").split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = Double.parseDouble(parts[i].trim());
    }
    return v;
  }

  static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  static void maintenance(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + token).equals(auth)) {
      send(ex, 401, "{\"error\":\"unauthorized\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).replace(" ", "");
    // The seed's POST .../enable and .../disable, or one URL with {"enabled": true|false}.
    if (path.equals("/admin/maintenance") && body.contains("\"enabled\":")) {
      path = body.contains("\"enabled\":true") ? "/enable" : "/disable";
    }
    if (path.endsWith("/enable")) {
      Files.writeString(maintenance, Instant.now() + "\n");
      log("INFO", "maintenance mode enabled");
    } else if (path.endsWith("/disable")) {
      Files.deleteIfExists(maintenance);
      log("INFO", "maintenance mode disabled");
    } else {
      send(ex, 404, "{\"error\":\"POST /admin/maintenance/enable or /disable, or PUT /admin/maintenance {\\\"enabled\\\": true|false}\"}");
      return;
    }
    send(ex, 200, "{\"maintenance\":" + Files.exists(maintenance) + "}");
  }

  /** Serves a batch of simulated user traffic, then the counters as Prometheus text. */
  static void metrics(HttpExchange ex) throws IOException {
    String mode = mode();
    int failed = 0;
    synchronized (SyntraBackend.class) {
      for (int i = 0; i < 200; i++) {
        boolean fail = mode.equals("5xx") && random.nextDouble() < 0.08;
        failed += fail ? 1 : 0;
        codes[fail ? 503 : 200]++;
        observe(mode.equals("slow") ? 0.6 + random.nextDouble() * 0.4 : 0.01 + random.nextDouble() * 0.09);
      }
    }
    switch (mode) {
      case "5xx" -> log("ERROR", "upstream 503 from the database pooler for " + failed + " of 200 requests");
      case "db-errors" -> log("ERROR", "database connection failed: prepared statement \"s1\" does not exist (session pooler 5432 loses SET LOCAL)");
      case "rls-leak" -> log("CRITICAL", "RLS context missing on a pooled connection: data leak across orgs");
      case "log-errors" -> log("ERROR", "storage access timeout: 1 of 50 uploads retried");
      default -> { }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE http_requests_total counter\n");
    synchronized (SyntraBackend.class) {
      for (int c = 0; c < codes.length; c++) {
        if (codes[c] > 0) {
          sb.append("http_requests_total{code=\"").append(c).append("\"} ").append(codes[c]).append('\n');
        }
      }
      sb.append("# TYPE http_request_duration_seconds histogram\n");
      long cumulative = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += bucketCounts[i];
        sb.append("http_request_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
      }
      cumulative += bucketCounts[BUCKETS.length];
      sb.append("http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
      sb.append(String.format(Locale.ROOT, "http_request_duration_seconds_sum %.3f%n", latencySum));
      sb.append("http_request_duration_seconds_count ").append(cumulative).append('\n');
    }
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    ex.sendResponseHeaders(200, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static synchronized void observe(double seconds) {
    latencySum += seconds;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts[i]++;
        return;
      }
    }
    bucketCounts[BUCKETS.length]++;
  }

  static Connection open() throws SQLException {
    if (mode().equals("db-errors")) {
      throw new SQLException("database connection failed: prepared statement \"s1\" does not exist");
    }
    if (pgUrl != null) {
      return DriverManager.getConnection(pgUrl, pgUser, pgPassword);
    }
    return DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
  }

  static long scalar(Connection c, String sql) throws SQLException {
    try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
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
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
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
