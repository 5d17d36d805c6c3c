package io.cutover.cli;

import io.cutover.api.AuditEntry;
import io.cutover.api.CutoverReport;
import io.cutover.api.ReleaseRequest;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.workflow.CutoverWorkflow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover release ID --step S --by NAME --reason TEXT}: ends a waiting {@code hold} step
 * early by the {@code release} signal. It first checks that the step is a hold that is waiting,
 * then waits a few seconds for the run's audit trail to say whether the release was applied or
 * refused (exit 2 when refused).
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "End a waiting hold step early; the run goes on with its next step.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover release cutover-abaco-loans-pipeline --step v1-queue-drained --by ops-lead \\",
      "      --reason \"the last batch is a known poison message, parked by hand\""
    })
public class ReleaseCommand extends RunControlCommand {
  static final Duration CONFIRM = Duration.ofSeconds(10);

  @Option(
      names = "--step",
      required = true,
      paramLabel = "STEP",
      description = "the hold step's id")
  String step;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "why the hold may end before its conditions held")
  String reason;

  @Override
  String refusal(CutoverReport r) {
    return notWaiting(r);
  }

  /** Sends the release, then waits a few seconds for the audit trail to say applied or refused. */
  @Override
  int act(CutoverWorkflow run, CutoverReport before, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    run.release(new ReleaseRequest(step, by, reason));
    int seen = before.audit().size();
    long end = System.nanoTime() + CONFIRM.toNanos();
    while (System.nanoTime() < end) {
      List<AuditEntry> audit = run.status().audit();
      for (AuditEntry e : audit.subList(Math.min(seen, audit.size()), audit.size())) {
        if (e.by().equals(by) && e.kind().equals("release")) {
          out.println(
              "released hold '"
                  + step
                  + "' of "
                  + id
                  + " as "
                  + by
                  + "; follow it with `cutover watch "
                  + id
                  + "`");
          return ExitCodes.OK;
        }
        if (e.by().equals(by)
            && e.kind().equals("refused")
            && e.detail().startsWith("release of hold")) {
          err.println("refused: " + e.detail());
          return ExitCodes.INVALID;
        }
      }
      Thread.sleep(200);
    }
    out.println(
        "release sent to "
            + id
            + "; not applied yet (is a worker running?): see `cutover status "
            + id
            + "`");
    return ExitCodes.OK;
  }

  /**
   * Why the step cannot be released now, as the run's status shows it; null when it is a waiting
   * hold.
   */
  private String notWaiting(CutoverReport r) {
    StepReport s = r.steps().stream().filter(x -> x.id().equals(step)).findFirst().orElse(null);
    if (s == null) {
      return "run " + id + " has no step '" + step + "'";
    }
    if (!s.type().equals("hold")) {
      return "step '" + step + "' is a " + s.type() + " step, not a hold";
    }
    if (s.status() != StepStatus.RUNNING) {
      return "hold '"
          + step
          + "' is not waiting (it is "
          + s.status().name().toLowerCase(Locale.ROOT)
          + ")";
    }
    return null;
  }
}
