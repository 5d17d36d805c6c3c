package io.cutover.activities.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.HoldCheckRequest;
import io.cutover.activities.HoldCheckResult;
import io.cutover.activities.LogCursor;
import io.cutover.activities.Reading;
import io.cutover.activities.SampleRequest;
import io.cutover.activities.SampleResult;
import io.cutover.activities.SoakRequest;
import io.cutover.activities.WatchActivities;
import io.cutover.activities.http.HttpActivitiesImpl;
import io.cutover.activities.http.JsonPaths;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Pulse;
import io.cutover.activities.support.Refs;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CommandMetric;
import io.cutover.plan.HttpJsonMetric;
import io.cutover.plan.HttpProbe;
import io.cutover.plan.LogMetric;
import io.cutover.plan.MemoryMetric;
import io.cutover.plan.MetricSource;
import io.cutover.plan.ProbeMetric;
import io.cutover.plan.PromQlMetric;
import io.cutover.plan.PrometheusMetric;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

public class WatchActivitiesImpl implements WatchActivities {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  // Samples are reads: a pooled connection to a process that has since restarted is retried on a
  // fresh one instead of reporting the service as failing.
  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(3))
          .readTimeout(Duration.ofSeconds(10))
          .retryOnConnectionFailure(true)
          .build();
  private final HttpActivitiesImpl http = new HttpActivitiesImpl(client);
  private final HoldChecks holds = new HoldChecks(this, http);

  @Override
  public SampleResult sample(SampleRequest request) {
    Map<String, Reading> out = new LinkedHashMap<>();
    String base = request.context().baseDir();
    for (Map.Entry<String, MetricSource> e : request.metrics().entrySet()) {
      Reading r;
      try {
        r =
            read(
                e.getKey(),
                e.getValue(),
                request.cursors().get(e.getKey()),
                request.windowStartMillis(),
                base);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw Fail.transientFault("sampling interrupted", ie);
      } catch (IOException | RuntimeException ex) {
        r = Reading.failed(ex.getMessage() == null ? ex.toString() : ex.getMessage());
      }
      out.put(e.getKey(), r);
    }
    return new SampleResult(out);
  }

  /** One metric's raw reading; a log is read on from {@code cursor} (from its end when null). */
  Reading read(String name, MetricSource source, LogCursor cursor, long windowStart, String base)
      throws IOException, InterruptedException {
    if (source instanceof HttpJsonMetric m) {
      JsonNode v = JsonPaths.read(Json.MAPPER.readTree(get(m.url(), m.headers(), base)), m.path());
      return number(v, m.path());
    }
    if (source instanceof PrometheusMetric m) {
      Exposition x = Exposition.parse(get(m.url(), m.headers(), base));
      return x.read(
          Selector.parse(m.select()),
          m.per() == null ? null : Selector.parse(m.per()),
          m.quantile() != null);
    }
    if (source instanceof PromQlMetric m) {
      String url =
          m.url().replaceAll("/+$", "")
              + "/api/v1/query?query="
              + URLEncoder.encode(m.query(), StandardCharsets.UTF_8);
      return promql(Json.MAPPER.readTree(get(url, m.headers(), base)));
    }
    if (source instanceof LogMetric m) {
      List<Pattern> patterns = m.patterns().stream().map(Pattern::compile).toList();
      LogTail.Result r = LogTail.read(PlanPaths.resolve(base, m.file()), cursor, patterns);
      return Reading.lines(r.matches(), r.cursor(), r.firstMatch());
    }
    if (source instanceof CommandMetric m) {
      return command(m, windowStart, base);
    }
    if (source instanceof MemoryMetric m) {
      long pid = m.pid() != null ? m.pid() : pidFrom(m.pidFile(), base);
      return Reading.gauge(Rss.bytes(pid), "pid " + pid);
    }
    if (source instanceof ProbeMetric m) {
      List<Evidence> ev = http.probeOnce(m.probe(name), base);
      Evidence failed = ev.stream().filter(Evidence::failed).findFirst().orElse(null);
      return Reading.health(failed != null, failed == null ? "passing" : failed.toString());
    }
    return Reading.failed("unknown metric source " + source.getClass().getSimpleName());
  }

  private String get(String url, Map<String, String> headers, String base) throws IOException {
    Request.Builder rb = new Request.Builder().url(url);
    headers.forEach((k, v) -> rb.header(k, Refs.resolve(v, base)));
    try (Response resp = client.newCall(rb.build()).execute()) {
      String body = resp.body() == null ? "" : resp.body().string();
      if (!resp.isSuccessful()) {
        throw new IOException("GET " + url + " answered " + resp.code());
      }
      return body;
    }
  }

  private static Reading number(JsonNode v, String path) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return Reading.failed(path + " is missing");
    }
    if (v.isNumber()) {
      return Reading.gauge(v.asDouble(), null);
    }
    if (v.isBoolean()) {
      return Reading.gauge(v.asBoolean() ? 1 : 0, null);
    }
    try {
      return Reading.gauge(Double.parseDouble(v.asText().trim()), null);
    } catch (NumberFormatException e) {
      return Reading.failed(path + " is not a number: " + v);
    }
  }

  private static Reading promql(JsonNode root) {
    if (!"success".equals(root.path("status").asText())) {
      return Reading.failed(
          "Prometheus answered "
              + root.path("status").asText()
              + ": "
              + root.path("error").asText());
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    if (type.equals("scalar")) {
      return Reading.gauge(Exposition.number(result.path(1).asText()), "scalar");
    }
    if (type.equals("vector")) {
      if (result.size() == 0) {
        return Reading.failed("the query returned no series");
      }
      double sum = 0;
      for (JsonNode s : result) {
        sum += Exposition.number(s.path("value").path(1).asText());
      }
      return Reading.gauge(sum, result.size() + " series");
    }
    return Reading.failed(
        "a "
            + type
            + " result cannot be a metric: write an instant query returning a vector or scalar");
  }

  private static Reading command(CommandMetric m, long windowStart, String base)
      throws IOException, InterruptedException {
    String start = Instant.ofEpochMilli(windowStart).toString();
    String epoch = Long.toString(windowStart / 1000);
    List<String> argv = new ArrayList<>();
    for (String a : m.argv()) {
      argv.add(a.replace("${window.start}", start).replace("${window.startEpoch}", epoch));
    }
    Map<String, String> env = new LinkedHashMap<>(m.env());
    env.put("CUTOVER_WINDOW_START", start);
    env.put("CUTOVER_WINDOW_START_EPOCH", epoch);
    ProcessRunner.Result r = ProcessRunner.run(argv, m.cwd(), env, base, COMMAND_TIMEOUT);
    if (r.timedOut()) {
      return Reading.failed(
          String.join(" ", m.argv())
              + " did not finish within "
              + COMMAND_TIMEOUT.toSeconds()
              + "s");
    }
    String out = r.outputTail();
    if (!m.patterns().isEmpty()) {
      List<Pattern> patterns = m.patterns().stream().map(Pattern::compile).toList();
      long n =
          out.lines()
              .filter(line -> patterns.stream().anyMatch(p -> p.matcher(line).find()))
              .count();
      return Reading.gauge(n, "exit " + r.exitCode());
    }
    if (r.exitCode() != 0) {
      return Reading.failed(
          String.join(" ", m.argv()) + " exited with " + r.exitCode() + ": " + out);
    }
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return Reading.failed(String.join(" ", m.argv()) + " printed nothing");
    }
    String last = lines.get(lines.size() - 1).trim();
    try {
      return Reading.gauge(Double.parseDouble(last), null);
    } catch (NumberFormatException e) {
      return Reading.failed("the last line of output is not a number: " + last);
    }
  }

  private static long pidFrom(String pidFile, String base) throws IOException {
    String text = Files.readString(PlanPaths.resolve(base, pidFile), StandardCharsets.UTF_8).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("pid file " + pidFile + " holds no pid: " + text);
    }
  }

  @Override
  public HoldCheckResult holdCheck(HoldCheckRequest request) {
    return holds.check(request);
  }

  @Override
  public StepOutcome soak(SoakRequest request) {
    Long first = Pulse.previous(Long.class);
    long started = first != null ? first : System.currentTimeMillis();
    Pulse.progress(started);
    long end = started + request.durationMillis();
    int rounds = 0;
    while (true) {
      rounds++;
      List<Evidence> evidence = new ArrayList<>();
      for (HttpProbe p : request.probes()) {
        evidence.addAll(http.probeOnce(p, request.context().baseDir()));
      }
      List<Evidence> failed = evidence.stream().filter(Evidence::failed).toList();
      if (!failed.isEmpty()) {
        throw Fail.of(
            FailureType.HEALTH_FAILED,
            request.label()
                + " stopped passing after "
                + (System.currentTimeMillis() - started) / 1000
                + "s of its soak: "
                + failed.get(0),
            new StepOutcome("soak failed", evidence, List.of()));
      }
      if (System.currentTimeMillis() >= end || Pulse.cancelRequested()) {
        Pulse.failIfShuttingDown(request.label());
        return new StepOutcome(
            request.label()
                + " passed "
                + rounds
                + " rounds of probes over "
                + request.durationMillis() / 1000
                + "s",
            evidence,
            List.of());
      }
      try {
        Thread.sleep(
            Math.max(1, Math.min(request.intervalMillis(), end - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Fail.transientFault("soak interrupted", e);
      }
    }
  }
}
