package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.PauseRequest;
import io.cutover.workflow.CutoverWorkflow;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * What pause and resume share: a pause of a paused or ended run, or a resume of a run that is not
 * paused, is refused here (exit 2); then the signal goes out.
 */
abstract class PauseSignalCommand extends RunControlCommand {
  @Option(names = "--comment", paramLabel = "TEXT", description = "why")
  String comment;

  /** Why the signal would be refused by a run that is neither ended nor rolling back, or null. */
  abstract String pauseRefusal(CutoverReport r);

  abstract void send(CutoverWorkflow wf, PauseRequest request);

  abstract String done();

  @Override
  String refusal(CutoverReport r) {
    String ended = endedOrRollingBack(r);
    return ended != null ? ended : pauseRefusal(r);
  }

  @Override
  int act(CutoverWorkflow run, CutoverReport before, PrintWriter out, PrintWriter err) {
    send(run, new PauseRequest(by, comment));
    out.println(done());
    return ExitCodes.OK;
  }
}
