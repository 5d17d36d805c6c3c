package io.cutover.workflow;

import io.cutover.activities.CommandActivities;
import io.cutover.activities.CommandRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CommandStep;
import java.time.Duration;
import java.util.List;

/** Runs a command; its {@code undo}, when given, is registered as the compensation first. */
final class CommandRunner implements StepRunner<CommandStep> {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  @Override
  public StepOutcome run(CommandStep step, StepEnv env) {
    CommandActivities commands = env.stub(CommandActivities.class, step, DEFAULT_TIMEOUT);
    long seconds = StepEnv.or(step.timeout(), DEFAULT_TIMEOUT).toSeconds();
    if (!step.undo().isEmpty()) {
      CommandRequest undo =
          new CommandRequest(
              env.context(step),
              step.id() + " (undo)",
              step.undo(),
              step.cwd(),
              step.env(),
              List.of(0),
              seconds);
      env.compensate(
          "undo:" + step.id(),
          step,
          "run " + String.join(" ", step.undo()),
          "run by hand: " + String.join(" ", step.undo()),
          () -> commands.runCommand(undo));
    }
    return commands.runCommand(
        new CommandRequest(
            env.context(step),
            step.id(),
            step.argv(),
            step.cwd(),
            step.env(),
            step.expectExit(),
            seconds,
            step.guard(),
            step.json()));
  }
}
