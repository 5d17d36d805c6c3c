package io.cutover.activities.watch;

import io.cutover.activities.NotifyActivities;
import io.cutover.activities.NotifyRequest;
import io.cutover.activities.NotifyResult;
import io.cutover.activities.support.Refs;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class NotifyActivitiesImpl implements NotifyActivities {
  private static final Logger log = LoggerFactory.getLogger(NotifyActivitiesImpl.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int ATTEMPTS = 2;

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(3))
          .readTimeout(Duration.ofSeconds(5))
          .callTimeout(Duration.ofSeconds(10))
          .retryOnConnectionFailure(false)
          .build();

  @Override
  public NotifyResult send(NotifyRequest request) {
    String label = request.hook().label();
    String body;
    Request.Builder rb;
    try {
      body = Template.render(request.hook().body(), request.fields());
      rb = new Request.Builder().url(request.hook().url()).post(RequestBody.create(body, JSON));
      request
          .hook()
          .headers()
          .forEach((k, v) -> rb.header(k, Refs.resolve(v, request.context().baseDir())));
    } catch (Exception e) {
      log.warn(
          "Webhook {}: cannot build the {} message: {}",
          label,
          request.fields().get("event"),
          e.getMessage());
      return new NotifyResult(label, false, "cannot build the message: " + e.getMessage());
    }
    String detail = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Response resp = client.newCall(rb.build()).execute()) {
        if (resp.isSuccessful()) {
          return new NotifyResult(label, true, "HTTP " + resp.code());
        }
        detail = "HTTP " + resp.code();
      } catch (Exception e) {
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    log.warn(
        "Webhook {} did not take the {} message after {} attempts (ignored): {}",
        label,
        request.fields().get("event"),
        ATTEMPTS,
        detail);
    return new NotifyResult(label, false, detail);
  }
}
