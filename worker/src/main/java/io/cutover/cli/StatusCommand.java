package io.cutover.cli;

import io.cutover.activities.support.Json;
import io.cutover.api.CutoverReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover status ID}: where a run stands, from its status query. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run's steps, open gate and rollback state.")
public class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "workflow id")
  String id;

  @Option(names = "--json", description = "print the status as JSON")
  boolean json;

  @Mixin
  ConnectionOptions connection;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CutoverReport r = Runs.status(connection.client(), id);
    if (json) {
      spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(r));
    } else {
      ReportPrinter.print(r, spec.commandLine().getOut(), false);
      if (r.openGate() != null) {
        spec.commandLine().getOut().printf("Waiting at gate '%s': %s (deadline %s)%n", r.openGate().gate(), r.openGate().prompt(), r.openGate().deadline());
        if (r.openGate().quorum() != null) {
          spec.commandLine().getOut().printf("  needs %s; still to decide: %s%n", r.openGate().quorum(), String.join(", ", r.openGate().pending()));
        }
      }
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
