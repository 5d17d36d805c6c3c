package io.cutover.activities;

import io.cutover.plan.CommandGuard;
import io.cutover.plan.JsonAssertion;
import java.util.List;
import java.util.Map;

/**
 * A program to run: argv (program first), never a shell string.
 *
 * @param timeoutSeconds the process is killed after this long
 * @param guard null, or how to keep a non-idempotent command from running twice
 * @param json assertions on the last JSON line of the output (see {@code CommandStep.json})
 */
public record CommandRequest(
    StepContext context,
    String label,
    List<String> argv,
    String cwd,
    Map<String, String> env,
    List<Integer> expectExit,
    long timeoutSeconds,
    CommandGuard guard,
    List<JsonAssertion> json) {
  public CommandRequest {
    argv = argv == null ? List.of() : List.copyOf(argv);
    env = env == null ? Map.of() : Map.copyOf(env);
    expectExit = expectExit == null || expectExit.isEmpty() ? List.of(0) : List.copyOf(expectExit);
    json = json == null ? List.of() : List.copyOf(json);
  }

  public CommandRequest(
      StepContext context,
      String label,
      List<String> argv,
      String cwd,
      Map<String, String> env,
      List<Integer> expectExit,
      long timeoutSeconds,
      CommandGuard guard) {
    this(context, label, argv, cwd, env, expectExit, timeoutSeconds, guard, null);
  }

  public CommandRequest(
      StepContext context,
      String label,
      List<String> argv,
      String cwd,
      Map<String, String> env,
      List<Integer> expectExit,
      long timeoutSeconds) {
    this(context, label, argv, cwd, env, expectExit, timeoutSeconds, null, null);
  }
}
