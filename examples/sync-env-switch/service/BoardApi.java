// Stand-in for seed 002's third-party board API (monday.com-like) on loopback: boards with groups,
// typed columns (dropdown, text, numbers), items and subitems, an API token, and rate limits that
// answer 429 with Retry-After. State lives in memory, loaded from fixtures/boards.json at start.
//
//   BOARD_API_TOKEN=... java -cp <cutover.jar> service/BoardApi.java --port 18200
//
// Endpoints (JSON; every one but /health needs "Authorization: <token>"):
//   GET  /health                          GET  /boards/{id}   /boards/{id}/columns   /boards/{id}/groups   /boards/{id}/items
//   POST /boards/{id}/groups {"title"}     DELETE /boards/{id}/groups/{groupId}   (409 while the group has items)
//   POST /boards/{id}/items:batch {"items": [{"name", "group_id", "column_values": {}, "subitems": [{"name", "column_values"}]}]}
//   POST /items:delete {"ids": [...]}      GET /stats (requests, rate_limited, errors)
//   GET  /boards/{id}/column_stats        per column: items with a value, items without, a dropdown's
//                                         labels, a text column's distinct values (first 10)
// A dropdown value names labels ({"labels": [...]}); a label the column does not have yet is
// refused unless the value says "create_labels_if_missing": true, which adds it to the column.
// Limits: board structure changes (groups) at most one per --structure-interval-ms; item writes
// from a bucket of --item-burst requests refilled at --item-rate per second. Non-GET requests
// with an Idempotency-Key get the first answer again.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

public class BoardApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<Long, ObjectNode> boards = new LinkedHashMap<>();
  static final Map<Long, Map<String, ObjectNode>> items = new HashMap<>();
  static final Map<String, Object[]> idempotent = new HashMap<>();
  static final AtomicLong ids = new AtomicLong(7_000_000_000L);
  static String token;
  static long structureIntervalMs = 1000;
  static long lastStructureChange;
  static double itemBurst = 10;
  static double itemRate = 5;
  static double itemTokens;
  static long itemRefilledAt = System.nanoTime();
  static long requests;
  static long rateLimited;
  static long errors;

  record Answer(int status, JsonNode body, long retryAfter) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body, 0);
    }

    static Answer error(int status, String message) {
      return new Answer(status, JSON.createObjectNode().put("error", message), 0);
    }
  }

  public static void main(String[] args) throws IOException {
    int port = 18200;
    String fixture = "fixtures/boards.json";
    String tokenEnv = "BOARD_API_TOKEN";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--boards" -> fixture = args[i + 1];
        case "--token-env" -> tokenEnv = args[i + 1];
        case "--structure-interval-ms" -> structureIntervalMs = Long.parseLong(args[i + 1]);
        case "--item-burst" -> itemBurst = Double.parseDouble(args[i + 1]);
        case "--item-rate" -> itemRate = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    token = System.getenv(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("set the API token in $" + tokenEnv);
    }
    itemTokens = itemBurst;
    for (JsonNode b : JSON.readTree(Files.readString(Path.of(fixture))).path("boards")) {
      boards.put(b.path("id").asLong(), (ObjectNode) b.deepCopy());
      items.put(b.path("id").asLong(), new LinkedHashMap<>());
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", BoardApi::handle);
    server.start();
    System.out.println("board API stand-in on 127.0.0.1:" + port + " with " + boards.size() + " boards (pid " + ProcessHandle.current().pid() + ")");
  }

  static synchronized void handle(HttpExchange ex) throws IOException {
    Answer a;
    try {
      a = route(ex);
    } catch (RuntimeException e) {
      a = Answer.error(400, String.valueOf(e.getMessage()));
    }
    if (a.status() >= 400 && a.status() != 429 && !ex.getRequestURI().getPath().startsWith("/health")) {
      errors++;
    }
    byte[] bytes = JSON.writeValueAsBytes(a.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (a.status() == 429) {
      ex.getResponseHeaders().set("Retry-After", Long.toString(a.retryAfter()));
    }
    ex.sendResponseHeaders(a.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Answer route(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String[] p = ex.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
    if (p[0].equals("health")) {
      return Answer.ok(JSON.createObjectNode().put("status", "ok"));
    }
    requests++;
    if (!token.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      return Answer.error(401, "invalid or missing API token");
    }
    JsonNode body = method.equals("GET") || method.equals("DELETE") ? null : JSON.readTree(ex.getRequestBody().readAllBytes());
    String key = method.equals("GET") ? null : ex.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null && idempotent.containsKey(key)) {
      Object[] first = idempotent.get(key);
      return new Answer((Integer) first[0], (JsonNode) first[1], 0);
    }
    Answer limited = limit(method, p);
    if (limited != null) {
      rateLimited++;
      return limited;
    }
    Answer a = mutateOrRead(method, p, body);
    if (key != null && a.status() < 300) {
      idempotent.put(key, new Object[] {a.status(), a.body()});
    }
    return a;
  }

  static Answer limit(String method, String[] p) {
    if (method.equals("GET")) {
      return null;
    }
    long now = System.currentTimeMillis();
    if (p.length >= 3 && p[2].equals("groups")) {
      long left = structureIntervalMs - (now - lastStructureChange);
      if (left > 0) {
        return new Answer(429, JSON.createObjectNode().put("error", "board structure changes are limited to one per "
            + structureIntervalMs + " ms").put("retry_in_seconds", (left + 999) / 1000), (left + 999) / 1000);
      }
      lastStructureChange = now;
      return null;
    }
    long t = System.nanoTime();
    itemTokens = Math.min(itemBurst, itemTokens + (t - itemRefilledAt) / 1e9 * itemRate);
    itemRefilledAt = t;
    if (itemTokens < 1) {
      long wait = (long) Math.ceil((1 - itemTokens) / itemRate);
      return new Answer(429, JSON.createObjectNode().put("error", "item write rate exceeded").put("retry_in_seconds", wait), Math.max(1, wait));
    }
    itemTokens -= 1;
    return null;
  }

  static Answer mutateOrRead(String method, String[] p, JsonNode body) {
    if (p[0].equals("stats")) {
      return Answer.ok(JSON.createObjectNode().put("requests", requests).put("rate_limited", rateLimited).put("errors", errors));
    }
    if (p[0].equals("items:delete") && method.equals("POST")) {
      int deleted = 0;
      for (JsonNode id : body.path("ids")) {
        for (Map<String, ObjectNode> board : items.values()) {
          ObjectNode gone = board.remove(id.asText());
          if (gone != null) {
            deleted++;
            for (JsonNode sub : gone.path("subitems")) {
              items.values().forEach(b -> b.remove(sub.asText()));
            }
          }
        }
      }
      return Answer.ok(JSON.createObjectNode().put("deleted", deleted));
    }
    if (!p[0].equals("boards") || p.length < 2) {
      return Answer.error(404, "no such endpoint");
    }
    ObjectNode board = boards.get(Long.parseLong(p[1]));
    if (board == null) {
      return Answer.error(404, "board " + p[1] + " does not exist or this token cannot see it");
    }
    Map<String, ObjectNode> boardItems = items.get(board.path("id").asLong());
    String what = p.length > 2 ? p[2] : "";
    if (method.equals("GET")) {
      ObjectNode out = JSON.createObjectNode();
      switch (what) {
        case "" -> {
          out.setAll(board);
          out.put("items_count", boardItems.size());
        }
        case "columns" -> out.set("columns", board.get("columns"));
        case "groups" -> out.set("groups", board.get("groups"));
        case "column_stats" -> {
          ObjectNode columns = out.putObject("columns");
          for (JsonNode c : board.path("columns")) {
            String id = c.path("id").asText();
            long populated = 0;
            java.util.Set<String> values = new java.util.TreeSet<>();
            for (ObjectNode item : boardItems.values()) {
              JsonNode v = item.path("column_values").path(id);
              boolean has = c.path("type").asText().equals("dropdown") ? v.path("labels").size() > 0 : !v.isMissingNode() && !v.isNull() && !v.asText().isBlank();
              if (has) {
                populated++;
                if (c.path("type").asText().equals("text") && values.size() < 10) {
                  values.add(v.asText());
                }
              }
            }
            ObjectNode col = columns.putObject(id).put("title", c.path("title").asText()).put("type", c.path("type").asText())
                .put("populated", populated).put("empty", boardItems.size() - populated);
            if (c.path("type").asText().equals("dropdown")) {
              col.set("labels", c.has("labels") ? c.get("labels") : JSON.createArrayNode());
            } else if (c.path("type").asText().equals("text")) {
              ArrayNode vs = col.putArray("values");
              values.forEach(vs::add);
            }
          }
        }
        case "items" -> {
          ArrayNode list = out.putArray("items");
          boardItems.values().forEach(list::add);
          out.put("count", boardItems.size());
        }
        default -> {
          return Answer.error(404, "no such endpoint");
        }
      }
      return Answer.ok(out);
    }
    if (what.equals("groups") && method.equals("POST") && p.length == 3) {
      String title = body.path("title").asText("");
      if (title.isBlank()) {
        return Answer.error(400, "a group needs a title");
      }
      ObjectNode g = ((ArrayNode) board.get("groups")).addObject().put("id", "group_" + ids.incrementAndGet()).put("title", title);
      return new Answer(201, g, 0);
    }
    if (what.equals("groups") && method.equals("DELETE") && p.length == 4) {
      ArrayNode groups = (ArrayNode) board.get("groups");
      for (Iterator<JsonNode> it = groups.iterator(); it.hasNext(); ) {
        if (it.next().path("id").asText().equals(p[3])) {
          if (boardItems.values().stream().anyMatch(i -> i.path("group_id").asText().equals(p[3]))) {
            return Answer.error(409, "group " + p[3] + " still has items: delete them first");
          }
          it.remove();
          return Answer.ok(JSON.createObjectNode().put("deleted", p[3]));
        }
      }
      return Answer.error(404, "no group " + p[3] + " on board " + p[1]);
    }
    if (what.equals("items:batch") && method.equals("POST")) {
      long subBoard = subitemBoard(board);
      ObjectNode out = JSON.createObjectNode();
      ArrayNode created = out.putArray("items");
      for (JsonNode item : body.path("items")) {
        String group = item.path("group_id").asText();
        if (!hasGroup(board, group)) {
          return Answer.error(400, "group '" + group + "' does not exist on board " + p[1] + ": create groups before items");
        }
        check(board, item.path("column_values"));
        ObjectNode stored = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet()))
            .put("name", item.path("name").asText()).put("group_id", group);
        stored.set("column_values", item.path("column_values"));
        ArrayNode subIds = stored.putArray("subitems");
        for (JsonNode sub : item.path("subitems")) {
          check(boards.get(subBoard), sub.path("column_values"));
          ObjectNode s = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet()))
              .put("name", sub.path("name").asText()).put("parent_item_id", stored.path("id").asText());
          s.set("column_values", sub.path("column_values"));
          items.get(subBoard).put(s.path("id").asText(), s);
          subIds.add(s.path("id").asText());
        }
        boardItems.put(stored.path("id").asText(), stored);
        created.addObject().put("id", stored.path("id").asText()).set("subitems", subIds);
      }
      return new Answer(201, out, 0);
    }
    return Answer.error(404, "no such endpoint");
  }

  static long subitemBoard(ObjectNode board) {
    long id = board.path("id").asLong();
    return id == 9609317401L ? 9609317948L : id == 9200517329L ? 9200771505L : id;
  }

  static boolean hasGroup(ObjectNode board, String id) {
    for (JsonNode g : board.path("groups")) {
      if (g.path("id").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Values must fit their column: a dropdown takes {"labels": [...]}, text a string, numbers a number. */
  static void check(ObjectNode board, JsonNode values) {
    values.fields().forEachRemaining(e -> {
      JsonNode column = null;
      for (JsonNode c : board.path("columns")) {
        if (c.path("id").asText().equals(e.getKey())) {
          column = c;
        }
      }
      if (column == null) {
        throw new IllegalArgumentException("column " + e.getKey() + " does not exist on board " + board.path("id").asText());
      }
      String type = column.path("type").asText();
      if (type.equals("dropdown") && e.getValue().path("labels").isArray()) {
        ObjectNode col = (ObjectNode) column;
        ArrayNode known = col.has("labels") ? (ArrayNode) col.get("labels") : col.putArray("labels");
        for (JsonNode label : e.getValue().path("labels")) {
          boolean exists = false;
          for (JsonNode k : known) {
            exists |= k.asText().equals(label.asText());
          }
          if (!exists) {
            if (!e.getValue().path("create_labels_if_missing").asBoolean(false)) {
              throw new IllegalArgumentException("label '" + label.asText() + "' does not exist on dropdown column " + e.getKey()
                  + " (\"" + column.path("title").asText() + "\"); send create_labels_if_missing: true to create it");
            }
            known.add(label.asText());
          }
        }
      }
      boolean ok = switch (type) {
        case "dropdown" -> e.getValue().path("labels").isArray();
        case "numbers" -> e.getValue().isNumber();
        default -> e.getValue().isTextual();
      };
      if (!ok) {
        throw new IllegalArgumentException("invalid value for " + type + " column " + e.getKey() + " (\"" + column.path("title").asText()
            + "\"): " + e.getValue());
      }
    });
  }
}
