package io.cutover.activities.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.ApiActivities;
import io.cutover.activities.ApiCallRequest;
import io.cutover.activities.ApiCallResult;
import io.cutover.activities.ApiProgress;
import io.cutover.activities.ApiUndoRequest;
import io.cutover.activities.ColumnCheckRequest;
import io.cutover.activities.StepContext;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Pulse;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.HttpCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} and {@code column-mapping} steps' activities: templated requests with secrets
 * resolved only here, 429s waited out, progress and captures heartbeated so a retry resumes.
 */
public class ApiActivitiesImpl implements ApiActivities {
  private final ApiClient client = new ApiClient();

  @Override
  public ApiCallResult call(ApiCallRequest request) {
    StepContext ctx = request.context();
    ApiProgress previous = previous();
    Map<String, String> captures =
        new LinkedHashMap<>(previous == null ? Map.of() : previous.captures());
    int from = previous == null ? 0 : (int) previous.done();
    long started = previous == null ? System.currentTimeMillis() : previous.startedAtMillis();
    List<Evidence> evidence = new ArrayList<>();
    if (from > 0) {
      evidence.add(
          Evidence.info(
              "resumed", "after " + from + " request(s) completed by an earlier attempt"));
    }
    int limited = 0;
    List<HttpCall> calls = request.requests();
    for (int i = from; i < calls.size(); i++) {
      HttpCall call = calls.get(i);
      Pulse.progress(
          new ApiProgress("requests", i, (long) calls.size(), started, call.label(), captures));
      if (ctx.dryRun()) {
        if (!call.method().equals("GET") || !Templates.ready(call, captures)) {
          evidence.add(
              Evidence.info(
                  call.label(),
                  "would send " + call.method() + " " + call.url() + " (not sent in a dry run)"));
        } else {
          // Today's answer, for information: the changes before it have not happened, so it need
          // not pass.
          ApiClient.Answer now =
              client.send(call, captures, ctx.baseDir(), null, request.retryAfterMaxMillis());
          judge(call, now)
              .forEach(e -> evidence.add(Evidence.info(e.name() + " (now)", e.actual())));
        }
        continue;
      }
      ApiClient.Answer a =
          client.send(
              call,
              captures,
              ctx.baseDir(),
              ctx.runKey() + "/" + ctx.stepId() + "/" + i,
              request.retryAfterMaxMillis());
      limited += a.rateLimited();
      List<Evidence> ev = judge(call, a);
      evidence.addAll(ev);
      List<String> failed = ev.stream().filter(Evidence::failed).map(Evidence::toString).toList();
      if (!failed.isEmpty()) {
        throw Fail.of(
            FailureType.CHECK_FAILED,
            call.label() + ": " + String.join("; ", failed),
            new StepOutcome(failed.size() + " check(s) failed", evidence, List.of()),
            Map.copyOf(captures));
      }
      for (Map.Entry<String, String> c : call.capture().entrySet()) {
        JsonNode v = a.json() == null ? null : JsonPaths.read(a.json(), c.getValue());
        if (v == null || v.isMissingNode() || v.isNull()) {
          evidence.add(
              new Evidence(
                  call.label() + " capture " + c.getKey(), c.getValue(), "missing", false));
          throw Fail.of(
              FailureType.CHECK_FAILED,
              call.label() + ": nothing at " + c.getValue() + " to capture as " + c.getKey(),
              new StepOutcome("capture failed", evidence, List.of()),
              Map.copyOf(captures));
        }
        captures.put(c.getKey(), v.isValueNode() ? v.asText() : v.toString());
        evidence.add(Evidence.info(call.label() + " " + c.getKey(), captures.get(c.getKey())));
      }
      Pulse.progress(
          new ApiProgress("requests", i + 1, (long) calls.size(), started, call.label(), captures));
    }
    String summary =
        calls.size()
            + " request(s) passed"
            + (limited > 0
                ? "; rate limited " + limited + "× (429), waited as Retry-After asked"
                : "");
    return new ApiCallResult(new StepOutcome(summary, evidence, List.of()), captures);
  }

  private static ApiProgress previous() {
    try {
      return Pulse.previous(ApiProgress.class);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static List<Evidence> judge(HttpCall call, ApiClient.Answer a) {
    List<Evidence> ev = new ArrayList<>();
    String limitedNote =
        a.rateLimited() > 0
            ? " after "
                + a.rateLimited()
                + "× 429, waited "
                + a.waitedMillis() / 1000.0
                + "s (Retry-After)"
            : "";
    boolean ok = call.status().contains(a.status());
    ev.add(
        new Evidence(
            call.label() + " status",
            call.status().toString(),
            a.status() + limitedNote + (ok ? "" : ": " + ApiClient.abbreviate(a.body())),
            ok));
    if (ok && !call.json().isEmpty()) {
      if (a.json() == null) {
        ev.add(
            new Evidence(
                call.label() + " JSON body",
                "JSON",
                "not JSON: " + ApiClient.abbreviate(a.body()),
                false));
      } else {
        ev.addAll(JsonChecks.check(call.label(), a.json(), call.json()));
      }
    }
    return ev;
  }

  @Override
  public StepOutcome undo(ApiUndoRequest request) {
    StepContext ctx = request.context();
    List<Evidence> evidence = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    List<HttpCall> calls = request.requests();
    for (int i = calls.size() - 1; i >= 0; i--) {
      HttpCall undo = calls.get(i).undo();
      if (undo == null) {
        continue;
      }
      String label = calls.get(i).label() + " (undo)";
      if (!Templates.ready(undo, request.captures())) {
        evidence.add(
            Evidence.info(
                label,
                "skipped: nothing was captured, so it did not create anything that can be found"));
        continue;
      }
      List<Integer> accepted = new ArrayList<>(undo.status());
      accepted.add(404);
      ApiClient.Answer a =
          client.send(
              undo,
              request.captures(),
              ctx.baseDir(),
              ctx.runKey() + "/" + ctx.stepId() + "/undo/" + i,
              request.retryAfterMaxMillis());
      boolean ok = accepted.contains(a.status());
      evidence.add(
          new Evidence(
              label,
              accepted.toString(),
              a.status() + (a.status() == 404 ? " (already gone)" : ""),
              ok));
      if (!ok) {
        failures.add(label + " answered " + a.status() + ": " + ApiClient.abbreviate(a.body()));
      }
      sent++;
      Pulse.progress(new ApiProgress("undo requests", sent, null, 0, label, request.captures()));
    }
    if (!failures.isEmpty()) {
      throw Fail.of(
          FailureType.CHECK_FAILED,
          String.join("; ", failures),
          new StepOutcome("undo incomplete", evidence, List.of()));
    }
    return new StepOutcome(sent + " undo request(s) sent", evidence, List.of());
  }

  @Override
  public StepOutcome checkColumns(ColumnCheckRequest request) {
    return new ColumnCheck(client).run(request);
  }
}
