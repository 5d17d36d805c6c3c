// Stand-in for seed 002's ORDER_LIST sync pipeline: reads sync.toml, picks the environment named
// by [sync] environment, and pushes NEW orders (with their lines as subitems) from the SQLite
// source to that environment's boards through the board API, into the customer's group.
//
//   java -cp <cutover.jar> service/SyncJob.java --config sync.toml --api URL --limit 1000
//       prints "progress n/N records" per batch and a JSON summary line at the end; every created
//       item id is appended (fsynced) to work/created-<environment>.jsonl before the source rows
//       are marked SYNCED, so a rollback can find them even after a crash
//   ... --delete-created work/created-production.jsonl --environment production
//       deletes those items and puts their source rows back to NEW (idempotent)
//   ... --check          prints {"environment", "board", "reachable", "database", "newRecords", "items",
//                        "groups"}: the board and the database the configured environment uses
//   ... --check-config [--environment production]
//                        validates that environment's settings: tables and database, board ids,
//                        column mappings, dropdown label creation, groups before items; exit 1 if
//                        one is missing
//   ... --compare [--limit 200 --legacy-limit 30]
//                        19.16's comparison, on the configured (development) environment: the same
//                        NEW orders pushed in batches (DELTA-free) and one request per record (the
//                        legacy way), both rates, then every item it created deleted; the source
//                        rows are not touched
// The limited run's summary also says its peak memory (resident, MB) and time spent in the database.
// The API token comes from $BOARD_API_TOKEN. A 429 is waited out as Retry-After says.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class SyncJob {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String api;
  static String token;
  static int rateLimited;
  static long dbNanos;
  static boolean createLabels = true;

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--compare")) {
        o.put("compare", "true");
      } else if (args[i].equals("--check")) {
        o.put("check", "true");
      } else if (args[i].equals("--check-config")) {
        o.put("check-config", "true");
      } else {
        o.put(args[i].substring(2), args[++i]);
      }
    }
    JsonNode config = new TomlMapper().readTree(Files.readString(Path.of(o.getOrDefault("config", "sync.toml"))));
    String env = o.getOrDefault("environment", config.path("sync").path("environment").asText());
    if (!config.path("environment").has(env) || !config.path("monday").has(env)) {
      fail(2, "environment '" + env + "' has no [environment." + env + "] or [monday." + env + "] section in the config");
    }
    if (o.containsKey("check-config")) {
      checkConfig(config, env);
      return;
    }
    createLabels = config.path("monday").path(env).path("dropdowns").path("create_labels_if_missing").asBoolean(false);
    api = o.getOrDefault("api", config.path("sync").path("api_url").asText());
    token = System.getenv("BOARD_API_TOKEN");
    if (token == null) {
      fail(2, "set the board API token in $BOARD_API_TOKEN");
    }
    JsonNode board = config.path("monday").path(env);
    String dbPath = config.path("databases").path(config.path("environment").path(env).path("database").asText()).asText();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dbPath)) {
      if (o.containsKey("check")) {
        HttpResponse<String> r = send("GET", "/boards/" + board.path("board_id").asText(), null);
        ObjectNode out = JSON.createObjectNode().put("environment", env).put("board", board.path("board_id").asLong())
            .put("reachable", r.statusCode() == 200);
        if (r.statusCode() == 200) {
          JsonNode b = JSON.readTree(r.body());
          out.put("items", b.path("items_count").asLong()).put("groups", b.path("groups").size());
        }
        try (PreparedStatement st = db.prepareStatement("SELECT COUNT(*) FROM " + config.path("environment").path(env).path("source_table").asText()
            + " WHERE sync_state = 'NEW'"); ResultSet rs = st.executeQuery()) {
          rs.next();
          out.put("database", true).put("newRecords", rs.getLong(1));
        } catch (java.sql.SQLException e) {
          out.put("database", false).put("databaseError", e.getMessage());
        }
        System.out.println(out);
      } else if (o.containsKey("compare")) {
        compare(db, env, config, Integer.parseInt(o.getOrDefault("limit", "200")), Integer.parseInt(o.getOrDefault("legacy-limit", "30")));
      } else if (o.containsKey("delete-created")) {
        deleteCreated(db, Path.of(o.get("delete-created")), config.path("environment").path(env));
      } else {
        sync(db, env, config, Integer.parseInt(o.getOrDefault("limit", "1000000")));
      }
    }
  }

  static void sync(Connection db, String env, JsonNode config, int limit) throws Exception {
    JsonNode e = config.path("environment").path(env);
    JsonNode board = config.path("monday").path(env);
    int batch = config.path("sync").path("batch_size").asInt(100);
    String source = e.path("source_table").asText();
    String lines = e.path("lines_table").asText();
    Map<String, String> groups = new HashMap<>();
    for (JsonNode g : JSON.readTree(send("GET", "/boards/" + board.path("board_id").asText() + "/groups", null).body()).path("groups")) {
      groups.put(g.path("title").asText(), g.path("id").asText());
    }
    List<ObjectNode> orders = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement("SELECT * FROM " + source + " WHERE sync_state = 'NEW' ORDER BY id LIMIT ?")) {
      st.setInt(1, limit);
      ResultSet rs = st.executeQuery();
      while (rs.next()) {
        ObjectNode row = JSON.createObjectNode();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.put(rs.getMetaData().getColumnName(c), rs.getString(c));
        }
        orders.add(row);
      }
    }
    Map<Long, List<ObjectNode>> linesByOrder = new HashMap<>();
    try (PreparedStatement st = db.prepareStatement("SELECT * FROM " + lines + " WHERE order_id IN (SELECT id FROM " + source
        + " WHERE sync_state = 'NEW' ORDER BY id LIMIT ?) ORDER BY id")) {
      st.setInt(1, limit);
      ResultSet rs = st.executeQuery();
      while (rs.next()) {
        linesByOrder.computeIfAbsent(rs.getLong("order_id"), k -> new ArrayList<>())
            .add(JSON.createObjectNode().put("SIZE", rs.getString("SIZE")).put("QTY", rs.getString("QTY")));
      }
    }
    Path created = Path.of("work", "created-" + env + ".jsonl");
    Files.createDirectories(created.getParent());
    long start = System.nanoTime();
    long peakRssKb = rssKb();
    int done = 0;
    int subitems = 0;
    for (int from = 0; from < orders.size(); from += batch) {
      List<ObjectNode> part = orders.subList(from, Math.min(orders.size(), from + batch));
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("items");
      for (ObjectNode order : part) {
        String customer = order.path(board.path("groups").path("group_by").asText("CUSTOMER_NAME")).asText();
        if (!groups.containsKey(customer)) {
          fail(3, "group '" + customer + "' does not exist on board " + board.path("board_id").asText()
              + ": customer groups must be created before items");
        }
        ObjectNode item = list.addObject().put("name", order.path("PO_NUMBER").asText()).put("group_id", groups.get(customer));
        item.set("column_values", values(board.path("columns"), order));
        ArrayNode subs = item.putArray("subitems");
        for (ObjectNode line : linesByOrder.getOrDefault(order.path("id").asLong(), List.of())) {
          subs.addObject().put("name", order.path("PO_NUMBER").asText() + " " + line.path("SIZE").asText())
              .set("column_values", values(board.path("subitem_columns"), line));
        }
      }
      HttpResponse<String> r = send("POST", "/boards/" + board.path("board_id").asText() + "/items:batch", body);
      if (r.statusCode() != 201) {
        fail(4, "the board API refused batch " + (from / batch + 1) + ": " + r.statusCode() + " " + r.body());
      }
      JsonNode ids = JSON.readTree(r.body()).path("items");
      StringBuilder record = new StringBuilder();
      for (int i = 0; i < part.size(); i++) {
        record.append(JSON.createObjectNode().put("order", part.get(i).path("id").asLong()).put("item", ids.get(i).path("id").asText())).append('\n');
        subitems += ids.get(i).path("subitems").size();
      }
      try (FileChannel ch = FileChannel.open(created, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(record.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      long dbStart = System.nanoTime();
      // One transaction per batch: the batch's rows are marked together (its ids are on disk already).
      db.setAutoCommit(false);
      try (PreparedStatement st = db.prepareStatement("UPDATE " + source + " SET sync_state = 'SYNCED', monday_item_id = ? WHERE id = ?")) {
        for (int i = 0; i < part.size(); i++) {
          st.setString(1, ids.get(i).path("id").asText());
          st.setLong(2, part.get(i).path("id").asLong());
          st.addBatch();
        }
        st.executeBatch();
        db.commit();
      } finally {
        db.setAutoCommit(true);
      }
      dbNanos += System.nanoTime() - dbStart;
      peakRssKb = Math.max(peakRssKb, rssKb());
      done += part.size();
      System.out.println("progress " + done + "/" + orders.size() + " records batch " + (from / batch + 1));
    }
    double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
    ObjectNode summary = JSON.createObjectNode().put("environment", env).put("board", board.path("board_id").asLong())
        .put("records", done).put("items", done).put("subitems", subitems).put("failed", orders.size() - done)
        .put("seconds", Math.round(seconds * 1000) / 1000.0).put("recordsPerSecond", Math.round(done / seconds * 10) / 10.0)
        .put("rateLimited", rateLimited).put("createdIds", created.toString())
        .put("peakMemoryMb", Math.round(peakRssKb / 102.4) / 10.0).put("dbSeconds", Math.round(dbNanos / 1e6) / 1000.0);
    System.out.println(summary);
  }

  /** Column values as each column type wants them: dropdown labels, text, numbers. */
  static ObjectNode values(JsonNode mapping, JsonNode row) {
    ObjectNode out = JSON.createObjectNode();
    mapping.fields().forEachRemaining(m -> {
      String v = row.path(m.getValue().path("source").asText()).asText();
      String id = m.getValue().path("id").asText();
      switch (m.getValue().path("type").asText()) {
        case "dropdown" -> out.putObject(id).put("create_labels_if_missing", createLabels).putArray("labels").add(v);
        case "numbers" -> out.put(id, Double.parseDouble(v));
        default -> out.put(id, v);
      }
    });
    return out;
  }

  /** DELTA-free (batched) against legacy (one request per record) on the same orders; leaves nothing behind. */
  static void compare(Connection db, String env, JsonNode config, int limit, int legacyLimit) throws Exception {
    JsonNode board = config.path("monday").path(env);
    String boardId = board.path("board_id").asText();
    int batch = config.path("sync").path("batch_size").asInt(100);
    JsonNode groups = JSON.readTree(send("GET", "/boards/" + boardId + "/groups", null).body()).path("groups");
    String group = groups.path(0).path("id").asText();
    List<ObjectNode> orders = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement("SELECT * FROM " + config.path("environment").path(env).path("source_table").asText()
        + " WHERE sync_state = 'NEW' ORDER BY id LIMIT ?")) {
      st.setInt(1, Math.max(limit, legacyLimit));
      ResultSet rs = st.executeQuery();
      while (rs.next()) {
        ObjectNode row = JSON.createObjectNode();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          row.put(rs.getMetaData().getColumnName(c), rs.getString(c));
        }
        orders.add(row);
      }
    }
    List<String> created = new ArrayList<>();
    double deltaFree = push(boardId, board, group, orders.subList(0, Math.min(limit, orders.size())), batch, created);
    double legacy = push(boardId, board, group, orders.subList(0, Math.min(legacyLimit, orders.size())), 1, created);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode ids = body.putArray("ids");
    created.forEach(ids::add);
    int deleted = JSON.readTree(send("POST", "/items:delete", body).body()).path("deleted").asInt();
    System.out.println(JSON.createObjectNode().put("environment", env).put("board", Long.parseLong(boardId))
        .put("deltaFreeRecords", Math.min(limit, orders.size())).put("deltaFreeRate", Math.round(deltaFree * 10) / 10.0)
        .put("legacyRecords", Math.min(legacyLimit, orders.size())).put("legacyRate", Math.round(legacy * 10) / 10.0)
        .put("speedup", Math.round(deltaFree / Math.max(0.001, legacy) * 10) / 10.0).put("created", created.size()).put("deleted", deleted));
  }

  /** Pushes orders in requests of {@code per} items; records/s. */
  static double push(String boardId, JsonNode board, String group, List<ObjectNode> orders, int per, List<String> created) throws Exception {
    long start = System.nanoTime();
    for (int from = 0; from < orders.size(); from += per) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("items");
      for (ObjectNode order : orders.subList(from, Math.min(orders.size(), from + per))) {
        list.addObject().put("name", "benchmark " + order.path("PO_NUMBER").asText()).put("group_id", group)
            .set("column_values", values(board.path("columns"), order));
      }
      HttpResponse<String> r = send("POST", "/boards/" + boardId + "/items:batch", body);
      if (r.statusCode() != 201) {
        fail(4, "the board API refused a comparison request: " + r.statusCode() + " " + r.body());
      }
      JSON.readTree(r.body()).path("items").forEach(i -> created.add(i.path("id").asText()));
    }
    return orders.size() / Math.max(0.001, (System.nanoTime() - start) / 1e9);
  }

  /** Resident memory of this process now, in KB (0 where /proc is missing). */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }

  /** The environment's settings, each checked; one JSON line; exit 1 when one is missing. */
  static void checkConfig(JsonNode config, String env) {
    JsonNode e = config.path("environment").path(env);
    JsonNode m = config.path("monday").path(env);
    List<String> missing = new ArrayList<>();
    ObjectNode out = JSON.createObjectNode().put("environment", env);
    for (String k : new String[] {"source_table", "target_table", "lines_table", "database"}) {
      out.put(k, e.path(k).asText(""));
      if (e.path(k).asText("").isBlank()) {
        missing.add("environment." + env + "." + k);
      }
    }
    boolean dbDeclared = config.path("databases").has(e.path("database").asText(""));
    out.put("databaseDeclared", dbDeclared);
    if (!dbDeclared) {
      missing.add("databases." + e.path("database").asText(""));
    }
    for (String k : new String[] {"board_id", "subitem_board_id"}) {
      out.put(k, m.path(k).asLong(0));
      if (m.path(k).asLong(0) == 0) {
        missing.add("monday." + env + "." + k);
      }
    }
    int columns = 0;
    int dropdowns = 0;
    for (JsonNode c : (Iterable<JsonNode>) () -> m.path("columns").elements()) {
      columns++;
      dropdowns += c.path("type").asText().equals("dropdown") ? 1 : 0;
      if (c.path("id").asText("").isBlank() || c.path("source").asText("").isBlank()) {
        missing.add("monday." + env + ".columns: an entry without id or source");
      }
    }
    out.put("columns", columns).put("subitemColumns", m.path("subitem_columns").size()).put("dropdowns", dropdowns);
    boolean createLabels = m.path("dropdowns").path("create_labels_if_missing").asBoolean(false);
    out.put("createLabelsIfMissing", createLabels);
    if (dropdowns > 0 && !createLabels) {
      missing.add("monday." + env + ".dropdowns.create_labels_if_missing = true");
    }
    boolean groupsFirst = m.path("groups").path("create_before_items").asBoolean(false);
    String groupBy = m.path("groups").path("group_by").asText("");
    out.put("groupsBeforeItems", groupsFirst).put("groupBy", groupBy);
    if (!groupsFirst || groupBy.isBlank()) {
      missing.add("monday." + env + ".groups (create_before_items = true, group_by)");
    }
    out.put("ok", missing.isEmpty());
    ArrayNode list = out.putArray("missing");
    missing.forEach(list::add);
    System.out.println(out);
    if (!missing.isEmpty()) {
      System.exit(1);
    }
  }

  static void deleteCreated(Connection db, Path file, JsonNode env) throws Exception {
    if (!Files.exists(file)) {
      System.out.println(JSON.createObjectNode().put("deleted", 0).put("note", file + " does not exist: nothing was created"));
      return;
    }
    Map<Long, String> byOrder = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        byOrder.put(n.path("order").asLong(), n.path("item").asText());
      }
    }
    List<String> ids = new ArrayList<>(byOrder.values());
    int deleted = 0;
    for (int from = 0; from < ids.size(); from += 500) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("ids");
      ids.subList(from, Math.min(ids.size(), from + 500)).forEach(list::add);
      HttpResponse<String> r = send("POST", "/items:delete", body);
      if (r.statusCode() != 200) {
        fail(4, "delete refused: " + r.statusCode() + " " + r.body());
      }
      deleted += JSON.readTree(r.body()).path("deleted").asInt();
    }
    try (PreparedStatement st = db.prepareStatement("UPDATE " + env.path("source_table").asText()
        + " SET sync_state = 'NEW', monday_item_id = NULL WHERE id = ? AND monday_item_id = ?")) {
      for (Map.Entry<Long, String> e : byOrder.entrySet()) {
        st.setLong(1, e.getKey());
        st.setString(2, e.getValue());
        st.addBatch();
      }
      st.executeBatch();
    }
    Files.move(file, file.resolveSibling(file.getFileName() + ".deleted"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println(JSON.createObjectNode().put("recorded", ids.size()).put("deleted", deleted).put("resetToNew", byOrder.size()));
  }

  static HttpResponse<String> send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", token)
          .header("Content-Type", "application/json");
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 429 && attempt < 60) {
        rateLimited++;
        Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
        continue;
      }
      if (r.statusCode() == 401) {
        fail(2, "the board API refused the token (401)");
      }
      return r;
    }
  }

  static void fail(int code, String message) {
    System.out.println("sync failed: " + message);
    System.exit(code);
  }
}
