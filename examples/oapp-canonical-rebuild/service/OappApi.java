// Stand-in for the oApp backend and API gateway of seed 000: a small HTTP API on loopback that
// reads the production SQLite database on every request. The cutover plan restarts it (as
// `systemctl restart oapp-backend-service` would) and probes it.
//
// Run with the Java source launcher and a classpath holding the SQLite JDBC driver:
//   java -cp <cutover.jar> service/OappApi.java --port 18080 --db work/oapp_production.db

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

  public static void main(String[] args) throws IOException {
    int port = 18080;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--db" -> db = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/api/health", ex -> respond(ex, () -> "{\"status\":\"ok\",\"database\":\"ok\",\"projects\":" + count("projects_canonical") + "}"));
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
