package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API request of an {@code http} step.
 *
 * @param body JSON body template: any JSON value; text in it may hold {@code ${capture.NAME}} (a
 *     value captured by an earlier request of the step) and worker-side references such as {@code
 *     ${env:TOKEN}}
 * @param headers request headers; secrets only as {@code ${env:..}} / {@code ${file:..}}
 * @param status the status codes that mean success (default: 200 for GET, 200/201 for POST and PUT,
 *     200/202/204 for DELETE)
 * @param json assertions on the JSON answer, all checked and reported together
 * @param capture NAME to JSON path of a value in the answer (an id), usable as {@code
 *     ${capture.NAME}} by later requests and by undo requests; recorded in the run's history, so
 *     never capture a secret
 * @param undo the request that undoes this one when the cutover rolls back (e.g. the DELETE of what
 *     a POST created); it runs only if this request's captures were recorded
 */
public record HttpCall(
    String name,
    String method,
    @JsonProperty(required = true) String url,
    Map<String, String> headers,
    Object body,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> status,
    List<JsonAssertion> json,
    Map<String, String> capture,
    HttpCall undo) {
  public HttpCall {
    method = method == null ? (body == null ? "GET" : "POST") : method.toUpperCase(Locale.ROOT);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    status = status == null || status.isEmpty() ? defaultStatus(method) : List.copyOf(status);
    json = json == null ? List.of() : List.copyOf(json);
    capture =
        capture == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(capture));
  }

  private static List<Integer> defaultStatus(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH" -> List.of(200, 201);
      case "DELETE" -> List.of(200, 202, 204);
      default -> List.of(200);
    };
  }

  public String label() {
    return name != null ? name : method + " " + url;
  }
}
