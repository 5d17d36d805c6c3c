package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.PauseRequest;
import io.cutover.workflow.CutoverWorkflow;
import picocli.CommandLine.Command;

/** {@code cutover resume ID --by NAME}: let a paused run go on. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resume a paused run: its next step starts.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {"  cutover resume cutover-oapp-production --by alice"})
public class ResumeCommand extends PauseSignalCommand {
  @Override
  String pauseRefusal(CutoverReport r) {
    return r.paused() == null ? "the run is not paused" : null;
  }

  @Override
  void send(CutoverWorkflow wf, PauseRequest request) {
    wf.resume(request);
  }

  @Override
  String done() {
    return "resumed " + id + "; follow it with `cutover watch " + id + "`";
  }
}
