package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.PauseRequest;
import io.cutover.api.RunStatus;
import io.cutover.workflow.CutoverWorkflow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What pause and resume share: the run's status is read first, so that a pause of a paused or ended
 * run, or a resume of a run that is not paused, is refused here (exit 2); then the signal goes out.
 * The workflow records refusals of its own too.
 */
abstract class PauseSignalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id, e.g. cutover-<target>")
  String id;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "who")
  String by;

  @Option(names = "--comment", paramLabel = "TEXT", description = "why")
  String comment;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Why the signal would be refused by a run in this state, or null. */
  abstract String refusal(CutoverReport r);

  abstract void send(CutoverWorkflow wf, PauseRequest request);

  abstract String done();

  @Override
  public Integer call() {
    CutoverWorkflow wf = connection.client().newWorkflowStub(CutoverWorkflow.class, id);
    CutoverReport r = wf.status();
    String refused =
        r.status().isFinal() || r.status() == RunStatus.ROLLING_BACK
            ? "the run is " + r.status() + ": nothing to " + spec.name()
            : refusal(r);
    if (refused != null) {
      spec.commandLine().getErr().println("refused: " + refused);
      return ExitCodes.INVALID;
    }
    send(wf, new PauseRequest(by, comment));
    spec.commandLine().getOut().println(done());
    return ExitCodes.OK;
  }
}
