package io.cutover.cli;

import io.cutover.activities.plan.PlanException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cutover}: durable production cutovers on Temporal. */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    version = "cutover 0.1.0",
    description = "Runs production cutover plans as durable Temporal workflows.",
    subcommands = {
      RunCommand.class,
      RehearseCommand.class,
      PlanCommand.class,
      WorkerCommand.class,
      DevServerCommand.class,
      StartCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      AbortCommand.class,
      ReleaseCommand.class,
      KeygenCommand.class,
      RetryCommand.class,
      SkipCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      ListCommand.class,
      ReportCommand.class,
      CodecServerCommand.class,
      CompletionCommand.class,
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  cutover plan check examples/oapp-canonical-rebuild/plan.yaml",
      "  cutover run examples/oapp-canonical-rebuild/plan.yaml --embedded \\",
      "      --approve-all",
      "  cutover status cutover-oapp-production --output json",
      "  source <(cutover completion)    # tab completion in bash (and zsh)",
      "  # every command's --help ends with an example",
      "",
      "status, list, report and plan check take --output json: one JSON document",
      "on stdout, also when they fail.",
      "Exit codes: 0 succeeded, 1 other error, 2 invalid plan or usage, 3 rolled back (old system"
          + " intact), 4 rollback failed."
    })
public class CutoverCommand {
  /** The heading of the example that ends every command's usage help. */
  static final String EXAMPLE = "%nExample:%n";

  public static void main(String[] args) {
    Logging.bridgeJavaUtilLogging();
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code: the one exit point. */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** As {@link #run(String...)}, printing to the given writers (null: standard out / err). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new CutoverCommand());
    if (out != null) {
      cl.setOut(out);
    }
    if (err != null) {
      cl.setErr(err);
    }
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (OutputOptions.requested(cmd)) {
            OutputOptions.print(cmd.getOut(), new CliError(message(e), kind(e), exitCode(e)));
          } else {
            cmd.getErr().println(message(e));
          }
          return exitCode(e);
        });
    return cl.execute(args);
  }

  static String message(Throwable e) {
    if (e instanceof PlanException) {
      return e.getMessage();
    }
    if (e instanceof WorkflowNotFoundException nf) {
      return "no cutover with workflow id "
          + nf.getExecution().getWorkflowId()
          + " (check the id with `cutover status` or the Temporal UI)";
    }
    StatusRuntimeException grpc = find(e, StatusRuntimeException.class);
    if (grpc != null && grpc.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      return "cannot reach Temporal: "
          + grpc.getStatus().getDescription()
          + "\nstart one with `cutover dev-server`, or point --address / TEMPORAL_ADDRESS at yours";
    }
    return "error: " + e.getMessage();
  }

  /** The {@link CliError#kind()} of a failure. */
  static String kind(Throwable e) {
    if (e instanceof WorkflowNotFoundException) {
      return "not-found";
    }
    StatusRuntimeException grpc = find(e, StatusRuntimeException.class);
    if (grpc != null && grpc.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      return "unreachable";
    }
    return exitCode(e) == ExitCodes.INVALID ? "invalid" : "error";
  }

  static int exitCode(Throwable e) {
    if (e instanceof PlanException || e instanceof IllegalArgumentException) {
      return ExitCodes.INVALID;
    }
    return ExitCodes.ERROR;
  }

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
