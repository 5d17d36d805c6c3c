package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Runs a program. {@code argv} is a list (program first), never a shell string; values may hold
 * worker-side references such as {@code ${env:NAME}}.
 *
 * @param expectExit exit codes that mean success (default 0)
 * @param undo argv run as this step's compensation when the cutover rolls back
 * @param guard makes a non-idempotent command run once per run (see {@link CommandGuard})
 * @param readOnly true when the command only reads (a check): a rollback that starts before any
 *     step changed anything treats the system as untouched; null or false: it may change things
 * @param json assertions on the program's summary: the last line of its output that is a JSON
 *     object, e.g. {@code {path: $.recordsPerSecond, min: 200}}; all are checked and reported
 */
public record CommandStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) List<String> argv,
    String cwd,
    Map<String, String> env,
    List<Integer> expectExit,
    List<String> undo,
    CommandGuard guard,
    List<JsonAssertion> json,
    Boolean readOnly,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public CommandStep {
    argv = argv == null ? List.of() : List.copyOf(argv);
    env = env == null ? Map.of() : Map.copyOf(env);
    expectExit = expectExit == null || expectExit.isEmpty() ? List.of(0) : List.copyOf(expectExit);
    undo = undo == null ? List.of() : List.copyOf(undo);
    json = json == null ? List.of() : List.copyOf(json);
  }

  @Override
  public boolean destructive() {
    return !undo.isEmpty();
  }
}
