package io.cutover.cli;

import io.cutover.api.CutoverReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover status ID}: where a run stands, from its status query. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a run's steps, open gate and rollback state.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover status cutover-oapp-production --output json",
      "  # JSON: the run's state record (workflowId, status, currentStep, openGate,",
      "  # openFailure, paused, windowWait, steps, approvals, rollback, budget)"
    })
public class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    CutoverReport r = Runs.status(connection.client(), id);
    if (json) {
      output.print(r);
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    ReportPrinter.print(r, out, false);
    if (r.openGate() != null) {
      out.printf(
          "Waiting at gate '%s': %s (deadline %s)%n",
          r.openGate().gate(), r.openGate().prompt(), r.openGate().deadline());
      if (r.openGate().quorum() != null) {
        out.printf(
            "  needs %s; still to decide: %s%n",
            r.openGate().quorum(), String.join(", ", r.openGate().pending()));
      }
      if (r.openGate().digest() != null) {
        out.printf(
            "  evidence digest: %s (a decision bound to the evidence names it)%n",
            r.openGate().digest());
      }
    }
    HoldView.lines(r).forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}
