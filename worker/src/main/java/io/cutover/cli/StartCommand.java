package io.cutover.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cutover start PLAN}: starts a run on the Temporal server and prints its workflow id. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Start a run for workers to execute; prints the workflow id.",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover start examples/oapp-canonical-rebuild/plan.yaml \\",
      "      --address 127.0.0.1:7233 --var port=18080"
    })
public class StartCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "plan file (YAML or JSON)")
  Path plan;

  @Option(names = "--id", paramLabel = "ID", description = "workflow id (default cutover-<target>)")
  String id;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "override a plan variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--dry-run",
      description = "change nothing: data steps on scratch copies, the rest previewed")
  boolean dryRun;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String workflowId = Runs.start(connection.client(), plan, vars, dryRun, id);
    spec.commandLine().getOut().println(workflowId);
    return ExitCodes.OK;
  }
}
