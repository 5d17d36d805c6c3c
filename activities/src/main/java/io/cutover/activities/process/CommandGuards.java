package io.cutover.activities.process;

import io.cutover.activities.CommandRequest;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.cutover.plan.CommandGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Applies a command's guard: the check probe before it runs, the once-marker after. */
final class CommandGuards {
  private final CommandRequest request;
  private final CommandGuard guard;

  CommandGuards(CommandRequest request) {
    this.request = request;
    this.guard = request.guard();
  }

  /** An outcome saying why the command need not run, or null when it must run. */
  StepOutcome skip() {
    if (guard == null) {
      return null;
    }
    Path marker = marker();
    if (guard.once() && Files.exists(marker)) {
      return new StepOutcome(
          request.label() + ": already ran in this run (marker " + marker + "); not repeated",
          List.of(Evidence.info("guard", "once-marker found")),
          List.of());
    }
    if (!guard.check().isEmpty()) {
      try {
        ProcessRunner.Result r =
            ProcessRunner.run(
                guard.check(),
                request.cwd(),
                request.env(),
                request.context().baseDir(),
                Duration.ofSeconds(Math.max(1, Math.min(request.timeoutSeconds(), 300))));
        if (!r.timedOut() && r.exitCode() == 0) {
          done();
          return new StepOutcome(
              request.label()
                  + ": the guard check says it is already done ("
                  + String.join(" ", guard.check())
                  + " → exit 0); not run",
              List.of(Evidence.info("guard", "check passed")),
              List.of());
        }
      } catch (IOException e) {
        throw Fail.of(
            FailureType.COMMAND_FAILED,
            request.label() + ": cannot run the guard check: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Fail.transientFault("guard check interrupted", e);
      }
    }
    return null;
  }

  /** Records that the command succeeded in this run. */
  void done() {
    if (guard == null || !guard.once()) {
      return;
    }
    try {
      SafeFiles.writeAtomically(
          marker(), Instant.now() + " " + String.join(" ", request.argv()) + "\n");
    } catch (IOException e) {
      throw Fail.transientFault(
          request.label() + ": ran, but cannot write its once-marker: " + e.getMessage(), e);
    }
  }

  private Path marker() {
    String key =
        (request.context().runKey() + "." + request.context().stepId())
            .replaceAll("[^A-Za-z0-9._-]", "_");
    return PlanPaths.resolve(request.context().baseDir(), ".cutover/markers")
        .resolve(key + ".done");
  }
}
