package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.Pulse;
import io.cutover.plan.HttpCall;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends one templated request, waiting out {@code 429 Too Many Requests} as long as the server's
 * {@code Retry-After} says (bounded per wait and in count; the activity heartbeats meanwhile).
 * Connection errors and 5xx answers are transient faults, retried by the activity's retry policy.
 */
final class ApiClient {
  private static final MediaType JSON = MediaType.get("application/json");

  /** Enough for a busy API; past it the attempt fails and Temporal's retry policy takes over. */
  private static final int MAX_RATE_LIMIT_WAITS = 30;

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .readTimeout(Duration.ofSeconds(30))
          .retryOnConnectionFailure(false)
          .build();

  /**
   * An answer: status, body, parsed JSON (null when not JSON), and how often it was rate limited.
   */
  record Answer(int status, String body, JsonNode json, int rateLimited, long waitedMillis) {}

  Answer send(
      HttpCall call,
      Map<String, String> captures,
      String baseDir,
      String idempotencyKey,
      long retryAfterMaxMillis) {
    String url = Templates.fill(call.url(), captures, baseDir);
    Request.Builder rb = new Request.Builder().url(url);
    call.headers().forEach((k, v) -> rb.header(k, Templates.fill(v, captures, baseDir)));
    if (idempotencyKey != null && !call.method().equals("GET")) {
      rb.header("Idempotency-Key", idempotencyKey);
    }
    RequestBody body = null;
    if (call.body() != null) {
      JsonNode filled = Templates.fill(Json.MAPPER.valueToTree(call.body()), captures, baseDir);
      body = RequestBody.create(filled.toString(), JSON);
    } else if (!call.method().equals("GET")
        && !call.method().equals("HEAD")
        && !call.method().equals("DELETE")) {
      body = RequestBody.create(new byte[0]);
    }
    rb.method(call.method(), body);
    Request request = rb.build();
    int limited = 0;
    long waited = 0;
    while (true) {
      try (Response resp = client.newCall(request).execute()) {
        String text = resp.body() == null ? "" : resp.body().string();
        if (resp.code() == 429 && limited < MAX_RATE_LIMIT_WAITS && !Pulse.cancelRequested()) {
          long wait = Math.min(retryAfterMaxMillis, retryAfter(resp.header("Retry-After")));
          limited++;
          waited += wait;
          sleep(wait);
          continue;
        }
        if (resp.code() == 429) {
          throw Fail.transientFault(
              call.label() + ": still rate limited (429) after " + limited + " waits", null);
        }
        if (resp.code() >= 500) {
          throw Fail.transientFault(
              call.label()
                  + ": "
                  + call.method()
                  + " "
                  + url
                  + " answered "
                  + resp.code()
                  + ": "
                  + abbreviate(text),
              null);
        }
        return new Answer(resp.code(), text, parse(text), limited, waited);
      } catch (IOException e) {
        throw Fail.transientFault(
            call.label() + ": " + call.method() + " " + url + ": " + e.getMessage(), e);
      }
    }
  }

  /** Retry-After in seconds or as an HTTP date; 1s when absent or unreadable. */
  static long retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return 1000;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        long at =
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
        return Math.max(0, at - System.currentTimeMillis());
      } catch (RuntimeException unreadable) {
        return 1000;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fail.transientFault("interrupted while waiting out a rate limit", e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 300 ? one.substring(0, 300) + "…" : one;
  }
}
