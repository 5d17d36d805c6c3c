// Stand-in for the team chat's incoming webhook (Slack #incidents and the like): every POST body
// is appended as one line to work/ops-chat.jsonl, and GET /messages lists them.
//
//   java service/OpsChat.java --port 18390
// (a copy of the one in examples/pipeline-v1-to-v2: each example stands alone)

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class OpsChat {
  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(args.length > 1 ? args[1] : "18390");
    Path out = Path.of("work/ops-chat.jsonl");
    Files.createDirectories(out.getParent());
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String answer;
      if (ex.getRequestMethod().equals("POST")) {
        String line = new String(body, StandardCharsets.UTF_8).replace('\n', ' ').strip();
        synchronized (OpsChat.class) {
          Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        answer = "{\"ok\":true}";
      } else {
        answer = "[" + String.join(",", Files.exists(out) ? Files.readAllLines(out) : java.util.List.of()) + "]";
      }
      byte[] b = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
  }
}
