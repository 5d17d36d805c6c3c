package io.cutover.activities.maintenance;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cutover.activities.MaintenanceActivities;
import io.cutover.activities.MaintenanceRequest;
import io.cutover.activities.process.ProcessRunner;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.Refs;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.MaintenanceCommand;
import io.cutover.plan.MaintenanceHttp;
import io.cutover.plan.MaintenanceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

public class MaintenanceActivitiesImpl implements MaintenanceActivities {
  private static final ObjectWriter COMPACT =
      Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .readTimeout(Duration.ofSeconds(20))
          .retryOnConnectionFailure(false)
          .build();

  @Override
  public StepOutcome switchMaintenance(MaintenanceRequest request) {
    MaintenanceStep step = request.step();
    String state = request.on() ? "on" : "off";
    String base = request.context().baseDir();
    try {
      if (step.flag() != null) {
        Path flag = PlanPaths.resolve(base, step.flag());
        if (request.on()) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("maintenance", true);
          body.put("message", step.message() == null ? "maintenance in progress" : step.message());
          body.put("since", Instant.now().toString());
          body.put("by", request.context().runKey() + "/" + step.id());
          if (!Files.exists(flag)) {
            SafeFiles.writeAtomically(flag, COMPACT.writeValueAsString(body) + "\n");
          }
        } else {
          Files.deleteIfExists(flag);
          SafeFiles.fsyncDir(flag.toAbsolutePath().getParent());
        }
        return outcome(
            state,
            "flag " + flag + (request.on() ? " present" : " removed"),
            Files.exists(flag) == request.on());
      }
      if (step.http() != null) {
        return http(step, step.http(), request.on(), base);
      }
      MaintenanceCommand cmd = step.command();
      List<String> argv = request.on() ? cmd.on() : cmd.off();
      ProcessRunner.Result r =
          ProcessRunner.run(argv, cmd.cwd(), cmd.env(), base, Duration.ofMinutes(2));
      if (r.timedOut() || r.exitCode() != 0) {
        throw Fail.of(
            FailureType.COMMAND_FAILED,
            "maintenance "
                + state
                + ": "
                + String.join(" ", argv)
                + " "
                + (r.timedOut() ? "timed out" : "exited with " + r.exitCode())
                + "; output: "
                + r.outputTail());
      }
      return outcome(state, String.join(" ", argv) + " → exit 0", true);
    } catch (IOException e) {
      throw Fail.transientFault("maintenance " + state + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fail.transientFault("maintenance " + state + " interrupted", e);
    }
  }

  private StepOutcome http(MaintenanceStep step, MaintenanceHttp h, boolean on, String base)
      throws IOException {
    String message = step.message() == null ? "maintenance in progress" : step.message();
    Map<String, Object> onMap = new LinkedHashMap<>();
    onMap.put("enabled", true);
    onMap.put("message", message);
    String body =
        on
            ? (h.onBody() != null ? h.onBody() : COMPACT.writeValueAsString(onMap))
            : (h.offBody() != null ? h.offBody() : "{\"enabled\":false}");
    Request.Builder rb =
        new Request.Builder()
            .url(h.url())
            .method(
                h.method().toUpperCase(Locale.ROOT),
                RequestBody.create(body, MediaType.get("application/json")));
    h.headers().forEach((k, v) -> rb.header(k, Refs.resolve(v, base)));
    try (Response resp = client.newCall(rb.build()).execute()) {
      if (resp.code() >= 500) {
        throw Fail.transientFault(
            "maintenance "
                + (on ? "on" : "off")
                + ": "
                + h.method()
                + " "
                + h.url()
                + " answered "
                + resp.code(),
            null);
      }
      if (resp.code() >= 300) {
        throw Fail.of(
            FailureType.COMMAND_FAILED,
            "maintenance "
                + (on ? "on" : "off")
                + ": "
                + h.method()
                + " "
                + h.url()
                + " answered "
                + resp.code());
      }
      return outcome(on ? "on" : "off", h.method() + " " + h.url() + " → " + resp.code(), true);
    }
  }

  private static StepOutcome outcome(String state, String how, boolean ok) {
    if (!ok) {
      throw Fail.transientFault("maintenance " + state + " did not take effect: " + how, null);
    }
    return new StepOutcome(
        "maintenance mode " + state + " (" + how + ")",
        List.of(Evidence.check("maintenance mode", state, state, true)),
        List.of());
  }
}
