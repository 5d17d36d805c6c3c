package io.cutover.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cutover.testing.PromText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Scrapes a worker's metrics port as Prometheus would, remembering every series name seen. */
final class Scrapes {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI uri;
  private final Set<String> seen = new TreeSet<>();

  Scrapes(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  String scrape() throws Exception {
    HttpResponse<String> resp =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, resp.statusCode());
    seen.addAll(PromText.names(resp.body()));
    return resp.body();
  }

  /** Scrapes every 250 ms until the exposition satisfies the condition (60 s at most). */
  String until(Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = scrape();
      try {
        if (condition.test(last)) {
          return last;
        }
      } catch (AssertionError notYet) {
        // a series not there yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the metrics never reached the expected state; last scrape:\n" + last);
  }

  Set<String> seriesSeen() {
    return seen;
  }
}
