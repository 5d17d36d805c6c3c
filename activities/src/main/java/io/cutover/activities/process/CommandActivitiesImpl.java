package io.cutover.activities.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.CommandActivities;
import io.cutover.activities.CommandRequest;
import io.cutover.activities.http.JsonChecks;
import io.cutover.activities.support.Fail;
import io.cutover.activities.support.Json;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class CommandActivitiesImpl implements CommandActivities {
  @Override
  public StepOutcome runCommand(CommandRequest request) {
    if (request.argv().isEmpty()) {
      throw Fail.of(FailureType.INVALID_PLAN, request.label() + ": argv is empty");
    }
    String shown = String.join(" ", request.argv());
    CommandGuards guards = new CommandGuards(request);
    StepOutcome skipped = guards.skip();
    if (skipped != null) {
      return skipped;
    }
    ProcessRunner.Result r;
    try {
      r =
          ProcessRunner.run(
              request.argv(),
              request.cwd(),
              request.env(),
              request.context().baseDir(),
              Duration.ofSeconds(Math.max(1, request.timeoutSeconds())));
    } catch (IOException e) {
      throw Fail.of(
          FailureType.COMMAND_FAILED,
          request.label() + ": cannot start " + request.argv().get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fail.transientFault(request.label() + ": interrupted", e);
    }
    List<Evidence> evidence =
        List.of(
            Evidence.info("command", shown),
            Evidence.check(
                "exit code",
                request.expectExit(),
                r.timedOut() ? "killed after timeout" : r.exitCode(),
                !r.timedOut() && request.expectExit().contains(r.exitCode())),
            Evidence.info("output", r.outputTail().isEmpty() ? "(none)" : r.outputTail()));
    StepOutcome out =
        new StepOutcome(
            shown
                + " → exit "
                + (r.timedOut() ? "timeout" : r.exitCode())
                + " in "
                + r.millis()
                + " ms",
            evidence,
            List.of());
    if (r.timedOut()) {
      throw Fail.of(
          FailureType.COMMAND_FAILED,
          request.label()
              + ": "
              + shown
              + " did not finish within "
              + request.timeoutSeconds()
              + "s and was killed",
          out);
    }
    if (!request.expectExit().contains(r.exitCode())) {
      throw Fail.of(
          FailureType.COMMAND_FAILED,
          request.label()
              + ": "
              + shown
              + " exited with "
              + r.exitCode()
              + " (expected "
              + request.expectExit()
              + "); output: "
              + lastLines(r.outputTail()),
          out);
    }
    guards.done();
    if (!request.json().isEmpty()) {
      return summaryChecked(request, out, r.outputTail());
    }
    return out;
  }

  /** Checks the JSON assertions against the last output line that is a JSON object. */
  private static StepOutcome summaryChecked(
      CommandRequest request, StepOutcome out, String output) {
    JsonNode summary = null;
    String[] lines = output.split("\n");
    for (int i = lines.length - 1; i >= 0 && summary == null; i--) {
      String line = lines[i].trim();
      if (line.startsWith("{")) {
        try {
          summary = Json.MAPPER.readTree(line);
        } catch (IOException notJson) {
          // keep looking further up
        }
      }
    }
    List<Evidence> evidence = new ArrayList<>(out.evidence());
    if (summary == null) {
      evidence.add(
          new Evidence("summary", "a JSON object on a line of the output", "none found", false));
      throw Fail.of(
          FailureType.CHECK_FAILED,
          request.label() + ": the program printed no JSON summary line to check",
          new StepOutcome(out.summary(), evidence, List.of()));
    }
    List<Evidence> checks = JsonChecks.check("summary", summary, request.json());
    evidence.addAll(checks);
    List<String> failed = checks.stream().filter(Evidence::failed).map(Evidence::toString).toList();
    StepOutcome checked =
        new StepOutcome(
            out.summary()
                + "; "
                + (checks.size() - failed.size())
                + "/"
                + checks.size()
                + " summary checks passed",
            evidence,
            out.artifacts());
    if (!failed.isEmpty()) {
      throw Fail.of(
          FailureType.CHECK_FAILED, request.label() + ": " + String.join("; ", failed), checked);
    }
    return checked;
  }

  private static String lastLines(String text) {
    String[] lines = text.split("\n");
    int from = Math.max(0, lines.length - 5);
    return String.join(" | ", Arrays.copyOfRange(lines, from, lines.length));
  }
}
