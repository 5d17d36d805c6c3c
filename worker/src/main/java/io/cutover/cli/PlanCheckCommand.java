package io.cutover.cli;

import io.cutover.activities.LoadedPlan;
import io.cutover.activities.plan.PlanException;
import io.cutover.activities.plan.PlanLoader;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cutover plan check PLAN}: every check a run would make before it starts, and nothing else.
 */
@Command(
    name = "check",
    description = "Validate a plan without running it; every problem is listed with its line.",
    mixinStandardHelpOptions = true,
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover plan check examples/oapp-canonical-rebuild/plan.yaml --output json",
      "  # exits 0 when valid, 2 when not; JSON: {file, valid, problems: [{file,",
      "  # line, column, path, message}], plan: {name, anchor, target, workflowId,",
      "  # steps, rollback}} (plan is null when the plan is not valid)"
    })
public class PlanCheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "plan file (YAML or JSON)")
  Path plan;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "override a plan variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    boolean json = output.json();
    try {
      LoadedPlan loaded = PlanLoader.loadFile(plan, vars, false);
      Plan p = loaded.plan();
      if (json) {
        output.print(new PlanCheckResult(plan.toString(), true, List.of(), PlanSummary.of(p)));
        return ExitCodes.OK;
      }
      spec.commandLine()
          .getOut()
          .println(
              plan
                  + ": OK — '"
                  + p.name()
                  + "' (anchor "
                  + p.anchor()
                  + ", target "
                  + p.target()
                  + "), "
                  + p.steps().size()
                  + " steps, "
                  + p.rollback().size()
                  + " rollback steps");
      for (Step s : p.steps()) {
        spec.commandLine()
            .getOut()
            .printf(
                "  %-28s %-11s %s%n",
                s.id(), s.type(), s.description() == null ? "" : s.description());
      }
      return ExitCodes.OK;
    } catch (PlanException e) {
      if (json) {
        output.print(new PlanCheckResult(plan.toString(), false, e.problems(), null));
      } else {
        spec.commandLine().getErr().println(e.getMessage());
      }
      return ExitCodes.INVALID;
    }
  }
}
