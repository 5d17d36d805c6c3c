package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.HttpActivities;
import io.cutover.activities.ProbeRequest;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.Pulse;
import io.cutover.activities.support.Refs;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.Progress;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.JsonAssertion;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

public class HttpActivitiesImpl implements HttpActivities {
  private final OkHttpClient client;

  public HttpActivitiesImpl() {
    this(
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(20))
            .retryOnConnectionFailure(false)
            .build());
  }

  /** With a client of the caller's choosing (monitor windows retry a stale pooled connection). */
  public HttpActivitiesImpl(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public StepOutcome probe(ProbeRequest request) {
    Progress first = previousProgress();
    long started = first != null ? first.startedAtMillis() : System.currentTimeMillis();
    Pulse.progress(new Progress("rounds", 0, null, started, "probing"));
    long deadline = started + request.deadlineMillis();
    int rounds = 0;
    while (true) {
      rounds++;
      List<Evidence> evidence = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (HttpProbe probe : request.probes()) {
        List<Evidence> one = probeOnce(probe, request.context().baseDir());
        evidence.addAll(one);
        one.stream().filter(Evidence::failed).forEach(e -> failures.add(e.toString()));
      }
      if (failures.isEmpty()) {
        return new StepOutcome(
            request.probes().size()
                + " probe(s) passed"
                + (rounds > 1 ? " after " + rounds + " rounds" : ""),
            evidence,
            List.of());
      }
      Pulse.progress(
          new Progress("rounds", rounds, null, started, "failing: " + String.join("; ", failures)));
      if (System.currentTimeMillis() + request.intervalMillis() > deadline
          || Pulse.cancelRequested()) {
        Pulse.failIfShuttingDown("health probes");
        StepOutcome out =
            new StepOutcome(failures.size() + " probe check(s) failing", evidence, List.of());
        throw Fail.of(
            FailureType.HEALTH_FAILED,
            "still failing after "
                + (System.currentTimeMillis() - started) / 1000
                + "s ("
                + rounds
                + " rounds): "
                + String.join("; ", failures),
            out);
      }
      try {
        Thread.sleep(request.intervalMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Fail.transientFault("probe interrupted", e);
      }
    }
  }

  /** The deadline's start from an earlier attempt; older workers heartbeated a bare number. */
  private static Progress previousProgress() {
    try {
      return Pulse.previous(Progress.class);
    } catch (RuntimeException olderFormat) {
      try {
        Long millis = Pulse.previous(Long.class);
        return millis == null ? null : new Progress("rounds", 0, null, millis, null);
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }

  /** One round of one probe: its evidence, failed checks marked. Also used by monitor windows. */
  public List<Evidence> probeOnce(HttpProbe probe, String baseDir) {
    List<Evidence> ev = new ArrayList<>();
    Request.Builder rb = new Request.Builder().url(probe.url());
    probe.headers().forEach((k, v) -> rb.header(k, Refs.resolve(v, baseDir)));
    String method = probe.method().toUpperCase(Locale.ROOT);
    rb.method(
        method,
        method.equals("GET") || method.equals("HEAD") ? null : RequestBody.create(new byte[0]));
    long start = System.nanoTime();
    try (Response resp = client.newCall(rb.build()).execute()) {
      String body = resp.body() == null ? "" : resp.body().string();
      long ms = (System.nanoTime() - start) / 1_000_000;
      ev.add(
          Evidence.check(
              probe.label() + " status",
              probe.status(),
              resp.code() + " in " + ms + " ms",
              resp.code() == probe.status()));
      if (probe.bodyContains() != null) {
        ev.add(
            Evidence.check(
                probe.label() + " body contains",
                probe.bodyContains(),
                abbreviate(body),
                body.contains(probe.bodyContains())));
      }
      if (!probe.json().isEmpty()) {
        JsonNode root;
        try {
          root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
          ev.add(
              new Evidence(
                  probe.label() + " JSON body", "JSON", "not JSON: " + abbreviate(body), false));
          return ev;
        }
        for (JsonAssertion a : probe.json()) {
          ev.add(assertJson(probe, root, a));
        }
      }
    } catch (IOException e) {
      ev.add(
          new Evidence(
              probe.label(), "HTTP " + probe.status(), "no answer: " + e.getMessage(), false));
    }
    return ev;
  }

  static Evidence assertJson(HttpProbe probe, JsonNode root, JsonAssertion a) {
    JsonNode v = JsonPaths.read(root, a.path());
    String name = probe.label() + " " + a.path();
    if (v.isMissingNode()) {
      return new Evidence(name, expected(a), "missing", false);
    }
    String actual = v.isValueNode() ? v.asText() : v.toString();
    boolean ok = true;
    if (a.equals() != null) {
      ok = a.equals().equals(actual);
    }
    if (a.min() != null || a.max() != null) {
      if (!v.isNumber() && !isNumber(actual)) {
        return new Evidence(name, expected(a), actual + " (not a number)", false);
      }
      double d = Double.parseDouble(actual);
      ok &= (a.min() == null || d >= a.min()) && (a.max() == null || d <= a.max());
    }
    return new Evidence(name, expected(a), actual, ok);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String expected(JsonAssertion a) {
    List<String> parts = new ArrayList<>();
    if (a.equals() != null) {
      parts.add("= " + a.equals());
    }
    if (a.min() != null) {
      parts.add(">= " + a.min());
    }
    if (a.max() != null) {
      parts.add("<= " + a.max());
    }
    return parts.isEmpty() ? "present" : String.join(" and ", parts);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }
}
