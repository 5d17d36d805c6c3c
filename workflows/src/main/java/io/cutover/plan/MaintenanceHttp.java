package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The HTTP call that switches maintenance mode.
 *
 * @param url endpoint, e.g. {@code http://127.0.0.1:8080/admin/maintenance}
 * @param method default PUT
 * @param onBody body sent to turn it on (default {@code {"enabled": true, "message": ...}})
 * @param offBody body sent to turn it off (default {@code {"enabled": false}})
 * @param headers request headers; values may be references such as {@code ${env:TOKEN}}
 */
public record MaintenanceHttp(
    @JsonProperty(required = true) String url,
    String method,
    String onBody,
    String offBody,
    Map<String, String> headers) {
  public MaintenanceHttp {
    method = method == null ? "PUT" : method;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
