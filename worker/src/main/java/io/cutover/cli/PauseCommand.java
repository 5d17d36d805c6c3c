package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.PauseRequest;
import io.cutover.workflow.CutoverWorkflow;
import picocli.CommandLine.Command;

/** {@code cutover pause ID --by NAME}: start no new step until resumed. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = {
      "Pause a run: it starts no new step until `cutover resume`.",
      "The running step goes on, an open gate or failed step still takes decisions, and abort still"
          + " rolls back."
    },
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover pause cutover-oapp-production --by alice --comment \"vendor on the phone\""
    })
public class PauseCommand extends PauseSignalCommand {
  @Override
  String pauseRefusal(CutoverReport r) {
    return r.paused() == null
        ? null
        : "already paused by " + r.paused().by() + " since " + r.paused().since();
  }

  @Override
  void send(CutoverWorkflow wf, PauseRequest request) {
    wf.pause(request);
  }

  @Override
  String done() {
    return "paused " + id + ": no new step starts until `cutover resume " + id + " --by NAME`";
  }
}
