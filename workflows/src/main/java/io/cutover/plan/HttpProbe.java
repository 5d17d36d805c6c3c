package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and what its answer must show.
 *
 * @param status expected status code (default 200)
 * @param bodyContains text the body must contain
 * @param json assertions on the JSON body
 * @param headers request headers; values may be references such as {@code ${env:TOKEN}}
 */
public record HttpProbe(
    String name,
    @JsonProperty(required = true) String url,
    String method,
    Integer status,
    String bodyContains,
    List<JsonAssertion> json,
    Map<String, String> headers) {
  public HttpProbe {
    method = method == null ? "GET" : method;
    status = status == null ? 200 : status;
    json = json == null ? List.of() : List.copyOf(json);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public String label() {
    return name != null ? name : method + " " + url;
  }
}
