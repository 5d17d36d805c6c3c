package io.cutover.activities;

import io.cutover.plan.HttpCall;
import java.util.List;
import java.util.Map;

/** The requests whose undo to send, with the values captured when they ran. */
public record ApiUndoRequest(
    StepContext context,
    List<HttpCall> requests,
    Map<String, String> captures,
    long retryAfterMaxMillis) {
  public ApiUndoRequest {
    requests = requests == null ? List.of() : List.copyOf(requests);
    captures = captures == null ? Map.of() : Map.copyOf(captures);
  }
}
