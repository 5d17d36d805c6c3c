package io.cutover.cli;

import io.cutover.activities.plan.PlanLoader;
import io.cutover.activities.support.Json;
import io.cutover.activities.support.Pulse;
import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionSignature;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.OpenGate;
import io.cutover.plan.Plan;
import io.cutover.worker.EmbeddedTemporal;
import io.cutover.worker.Temporal;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code cutover run PLAN}: the one-command path. Uses the Temporal server at the configured
 * address when one answers, else an embedded one; hosts a worker in this process; shows each step;
 * asks go/no-go on the terminal; prints the report.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a plan now, with a worker in this process: on the configured Temporal server, or on an"
            + " in-process one when none is configured (or with --embedded).",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover run examples/oapp-canonical-rebuild/plan.yaml --embedded \\",
      "      --approve-all --report report.json"
    })
public class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "plan file (YAML or JSON)")
  Path plan;

  @Option(
      names = "--embedded",
      description =
          "use an in-process Temporal server even if an address is configured (the run ends with"
              + " this command)")
  boolean embedded;

  @Option(
      names = "--approve-all",
      description = "approve every gate automatically (rehearsals, demos, CI)")
  boolean approveAll;

  @Option(
      names = "--approver-key",
      paramLabel = "NAME=FILE",
      description =
          "with --approve-all: sign the approvals given as NAME with this Ed25519 private key (for"
              + " approvers with a publicKey; drills)")
  Map<String, Path> approverKeys = new LinkedHashMap<>();

  @Option(
      names = "--approver-keys",
      paramLabel = "DIR",
      description =
          "with --approve-all: sign as each approver NAME with DIR/NAME.key when it exists (a drill"
              + " key folder, e.g. examples/pipeline-v1-to-v2/drill-keys); --approver-key wins for"
              + " a name it gives")
  Path approverKeyDir;

  @Option(
      names = "--dry-run",
      description =
          "change nothing: run data steps on scratch copies, preview the rest, wait at no gate")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "FILE", description = "also write the JSON report here")
  Path report;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "override a plan variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--id", paramLabel = "ID", description = "workflow id (default cutover-<target>)")
  String id;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (approverKeyDir != null && !Files.isDirectory(approverKeyDir)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--approver-keys "
              + approverKeyDir
              + ": no such folder; give the folder holding NAME.key files (cutover keygen --out"
              + " DIR/NAME.key)");
    }
    Plan loaded = PlanLoader.loadFile(plan, vars, false).plan();
    Temporal.ConfiguredAddress configured = connection.configuredAddress();
    EmbeddedTemporal local = null;
    WorkerFactory factory = null;
    WorkflowClient client;
    if (embedded || configured == null) {
      out.println(
          "Temporal: embedded in-process server (the SDK's test server, in real time): this run"
              + " lives only as long as this command. "
              + (embedded
                  ? "(--embedded)"
                  : "No Temporal address is configured (--address, TEMPORAL_ADDRESS or a"
                      + " temporal.toml profile); with one, the run is on that server and"
                      + " survives this command."));
      local = new EmbeddedTemporal();
      client = local.client();
    } else {
      client = connection.client();
      String problem = Temporal.problem(client);
      if (problem != null) {
        spec.commandLine()
            .getErr()
            .printf(
                "cutover run: the Temporal server at %s (from %s) does not answer: %s%nStart one"
                    + " (cutover dev-server), fix the address, or run on an in-process server with"
                    + " --embedded.%n",
                configured.address(), configured.source(), problem);
        return ExitCodes.ERROR;
      }
      out.println(
          "Temporal: server at "
              + configured.address()
              + " (from "
              + configured.source()
              + "), namespace "
              + client.getOptions().getNamespace()
              + "; a worker runs in this process");
      factory = WorkerSetup.factory(client, null);
      factory.start();
    }
    try {
      before(loaded, out);
      String workflowId = Runs.start(client, plan, vars, dryRun, rehearse(), id);
      out.println(
          "Started "
              + workflowId
              + " (task queue "
              + CutoverWorkflow.TASK_QUEUE
              + ")"
              + (dryRun
                  ? " — DRY RUN: nothing will change; data steps run on scratch copies"
                  : ""));
      out.flush();
      Runs.Outcome outcome = follow(client, workflowId, out, local != null, factory, configured);
      if (outcome.report() != null) {
        ReportPrinter.print(outcome.report(), out, true);
        if (report != null) {
          Files.createDirectories(report.toAbsolutePath().getParent());
          Files.writeString(
              report, Json.MAPPER.writeValueAsString(outcome.report()), StandardCharsets.UTF_8);
          out.println("Report written to " + report);
        }
      }
      if (outcome.error() != null) {
        spec.commandLine().getErr().println(outcome.error());
      }
      out.flush();
      return after(loaded, outcome, out);
    } finally {
      if (factory != null) {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
      if (local != null) {
        local.close();
      }
    }
  }

  /** True for {@code cutover rehearse}: the run rolls back by design once every step passed. */
  protected boolean rehearse() {
    return false;
  }

  /** Called once the plan is checked, before the run starts. */
  protected void before(Plan loaded, PrintWriter out) throws Exception {}

  /** Called with the run's outcome once its report is printed; returns the exit code. */
  protected int after(Plan loaded, Runs.Outcome outcome, PrintWriter out) throws Exception {
    return outcome.exitCode();
  }

  /**
   * Shows progress and answers gates until the run ends. Ctrl-C on a server-backed run detaches:
   * the run goes on and the command says how to follow, approve or abort it. An embedded run cannot
   * outlive this process, so Ctrl-C asks first (a second Ctrl-C within 5 s aborts it and waits for
   * the rollback).
   */
  private Runs.Outcome follow(
      WorkflowClient client,
      String workflowId,
      PrintWriter out,
      boolean isEmbedded,
      WorkerFactory factory,
      Temporal.ConfiguredAddress configured)
      throws Exception {
    CompletableFuture<Runs.Outcome> result =
        CompletableFuture.supplyAsync(() -> Runs.await(client, workflowId));
    Interrupts interrupts =
        isEmbedded
            ? Interrupts.askBeforeAbort(
                result,
                () ->
                    client
                        .newWorkflowStub(CutoverWorkflow.class, workflowId)
                        .abort(
                            new AbortRequest(
                                user(), "interrupted at the terminal (Ctrl-C, confirmed)")))
            : Interrupts.detach(result, () -> detach(workflowId, factory, configured));
    ProgressPrinter progress = new ProgressPrinter(out);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      while (!result.isDone()) {
        CutoverReport r;
        try {
          r = Runs.status(client, workflowId);
        } catch (RuntimeException e) {
          if (result.isDone()) {
            break;
          }
          Thread.sleep(300);
          continue;
        }
        OpenGate gate = progress.update(r);
        if (gate != null) {
          decide(client, workflowId, gate, stdin, out);
        }
        try {
          result.get(300, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
          // keep following
        }
      }
      Runs.Outcome outcome = result.get();
      if (outcome.report() != null) {
        progress.update(outcome.report());
      }
      return outcome;
    } finally {
      interrupts.close();
    }
  }

  /**
   * Runs in the JVM's shutdown after Ctrl-C on a server-backed run: hand the steps back and say how
   * to go on.
   */
  private static void detach(
      String workflowId, WorkerFactory factory, Temporal.ConfiguredAddress configured) {
    String at = " --address " + configured.address();
    System.err.printf(
        "%nDetached from %s: the run goes on on the Temporal server at %s.%n"
            + "  Its steps need a worker:   cutover worker%s%n"
            + "  Follow it:                 cutover watch %s%s%n"
            + "  Approve an open gate:      cutover approve %s --gate GATE --by NAME%s%n"
            + "  Abort it (rolls back):     cutover abort %s --by NAME --reason TEXT%s%n",
        workflowId, configured.address(), at, workflowId, at, workflowId, at, workflowId, at);
    if (factory != null) {
      // A step running on this process's worker is stopped and handed back, to run again on the
      // next worker.
      Pulse.workerStopping();
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void decide(
      WorkflowClient client,
      String workflowId,
      OpenGate gate,
      BufferedReader stdin,
      PrintWriter out)
      throws Exception {
    if (approveAll) {
      // A quorum gate needs every listed approver; any other gate takes the first decision.
      List<String> as =
          gate.quorum() != null && !gate.pending().isEmpty()
              ? gate.pending()
              : List.of(gateUser(gate));
      for (String who : as) {
        String refused = Runs.decide(client, workflowId, approval(client, workflowId, gate, who));
        out.println(
            refused == null
                ? "  approved as " + who + " (--approve-all)"
                : "  approval as " + who + " refused: " + refused + signingHint(refused, who));
      }
      return;
    }
    if (System.console() == null) {
      out.printf(
          "  waiting for a decision: cutover approve %s --gate %s --by NAME   (or reject)%n",
          workflowId, gate.gate());
      return;
    }
    while (true) {
      out.printf("  Go? [yes/no] (as %s): ", user());
      out.flush();
      String line = stdin.readLine();
      if (line == null) {
        return;
      }
      String a = line.trim().toLowerCase(Locale.ROOT);
      if (a.equals("yes") || a.equals("y") || a.equals("no") || a.equals("n")) {
        boolean go = a.startsWith("y");
        out.print("  Comment (optional): ");
        out.flush();
        String comment = stdin.readLine();
        // Bound to the evidence just printed: if it changed meanwhile, the workflow refuses and
        // says what.
        String refused =
            Runs.decide(
                client,
                workflowId,
                new DecisionUpdate(gate.gate(), user(), comment, go, gate.digest(), null, null));
        out.println(refused == null ? (go ? "  approved" : "  rejected") : "  refused: " + refused);
        if (refused == null) {
          return;
        }
      }
    }
  }

  /** What to add when --approve-all could not sign for an approver who must sign. */
  private static String signingHint(String refused, String who) {
    return refused.contains("signs decisions")
        ? "\n    (this approver signs: give --approver-key "
            + who
            + "=FILE, or --approver-keys DIR holding "
            + who
            + ".key)"
        : "";
  }

  /** {@code DIR/NAME.key} from --approver-keys when it exists, else null. */
  private Path keyInDir(String who) {
    if (approverKeyDir == null) {
      return null;
    }
    Path key = approverKeyDir.resolve(who + ".key");
    return Files.isRegularFile(key) ? key : null;
  }

  /**
   * An --approve-all approval, bound to the evidence shown, signed when a key is given for {@code
   * who}.
   */
  private DecisionUpdate approval(
      WorkflowClient client, String workflowId, OpenGate gate, String who) throws Exception {
    Path keyFile =
        approverKeys.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(who))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseGet(() -> keyInDir(who));
    if (keyFile == null || gate.digest() == null) {
      return new DecisionUpdate(
          gate.gate(), who, "approved with --approve-all", true, gate.digest(), null, null);
    }
    String runId = client.newWorkflowStub(CutoverWorkflow.class, workflowId).status().runId();
    String at = Instant.now().toString();
    String signature =
        DecisionSignature.sign(
            Keys.readPrivate(keyFile),
            DecisionSignature.payload(
                workflowId, runId, gate.gate(), true, gate.digest(), at, who));
    return new DecisionUpdate(
        gate.gate(),
        who,
        "approved with --approve-all (signed)",
        true,
        gate.digest(),
        at,
        signature);
  }

  /** With --approve-all the approver must still be one the gate accepts. */
  private static String gateUser(OpenGate gate) {
    if (gate.approvers().isEmpty()) {
      return user();
    }
    String first = gate.approvers().get(0);
    int paren = first.indexOf(" (");
    return paren > 0 ? first.substring(0, paren) : first;
  }

  static String user() {
    return System.getProperty("user.name", "operator");
  }
}
