package io.cutover.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.api.CutoverReport;
import io.cutover.api.StepReport;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cutover watch ID}: a live view of a run until it ends. On a terminal it redraws one screen
 * every second (steps, progress bar and ETA of the running step, the open gate); piped, it prints
 * each change as a line.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description =
        "Follow a run live until it ends (steps, progress and ETA, gate prompts); exits with its"
            + " outcome.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover watch cutover-oapp-production --plain"})
public class WatchCommand implements Callable<Integer> {
  private static final ObjectMapper LENIENT =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--once", description = "print the current view once and exit 0")
  boolean once;

  @Option(names = "--plain", description = "print changes as lines even on a terminal")
  boolean plain;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WorkflowClient client = connection.client();
    PrintWriter out = spec.commandLine().getOut();
    if (once) {
      out.print(frame(client));
      out.flush();
      return ExitCodes.OK;
    }
    boolean redraw = !plain && System.console() != null;
    ProgressPrinter progress = new ProgressPrinter(out);
    CompletableFuture<Runs.Outcome> result =
        CompletableFuture.supplyAsync(() -> Runs.await(client, id));
    String lastProgress = null;
    while (!result.isDone()) {
      if (redraw) {
        out.print("\033[H\033[2J" + frame(client));
        out.flush();
      } else {
        CutoverReport r = Runs.status(client, id);
        if (progress.update(r) != null) {
          out.printf(
              "  decide with: cutover approve %s --gate %s --by NAME   (or reject)%n",
              id, r.openGate().gate());
        }
        String p = progressLine(client);
        String done = p == null ? null : p.substring(0, p.indexOf('\u0000'));
        if (p != null && !done.equals(lastProgress)) {
          out.println("    " + p.substring(p.indexOf('\u0000') + 1));
          lastProgress = done;
        }
        out.flush();
      }
      try {
        result.get(redraw ? 1000 : 500, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // keep watching
      }
    }
    Runs.Outcome outcome = result.get();
    if (outcome.report() != null) {
      if (!redraw) {
        progress.update(outcome.report());
      }
      ReportPrinter.print(outcome.report(), out, false);
    }
    if (outcome.error() != null) {
      spec.commandLine().getErr().println(outcome.error());
    }
    return outcome.exitCode();
  }

  private String frame(WorkflowClient client) {
    // As JSON first: the view also shows parts of the status this CLI's report type may not know.
    JsonNode status = client.newUntypedWorkflowStub(id).query("status", JsonNode.class);
    CutoverReport r = LENIENT.convertValue(status, CutoverReport.class);
    String frame =
        WatchView.render(r, pending(client), System.currentTimeMillis())
            + WatchView.monitors(status);
    String host =
        r.steps().stream()
            .filter(s -> s.id().equals(r.currentStep()) && s.host() != null)
            .map(StepReport::host)
            .findFirst()
            .orElse(null);
    String pollers = host == null ? null : Pollers.describe(client, host);
    return pollers == null ? frame : frame + "\n" + pollers + "\n";
  }

  private List<PendingWork> pending(WorkflowClient client) {
    try {
      return PendingWork.of(client, id);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The running step's progress in one line, for piped output; null when none is reported. */
  private String progressLine(WorkflowClient client) {
    for (PendingWork p : pending(client)) {
      if (p.heartbeat() != null && p.heartbeat().has("done")) {
        return p.heartbeat().get("done").asText()
            + "\u0000"
            + WatchView.progress(p.heartbeat(), System.currentTimeMillis());
      }
    }
    return null;
  }
}
