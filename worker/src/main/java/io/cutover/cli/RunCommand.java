package io.cutover.cli;

import io.cutover.activities.support.Json;
import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.OpenGate;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cutover run PLAN}: the one-command path. Uses the Temporal server at the configured
 * address when one answers, else an embedded one; hosts a worker in this process; shows each
 * step; asks go/no-go on the terminal; prints the report.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a plan now, with a worker in this process; embedded Temporal when none is reachable.")
public class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "plan file (YAML or JSON)")
  Path plan;

  @Option(names = "--embedded", description = "use an in-process Temporal server even if one is reachable")
  boolean embedded;

  @Option(names = "--approve-all", description = "approve every gate automatically (rehearsals, demos, CI)")
  boolean approveAll;

  @Option(names = "--dry-run", description = "change nothing: run data steps on scratch copies, preview the rest, wait at no gate")
  boolean dryRun;

  @Option(names = "--report", paramLabel = "FILE", description = "also write the JSON report here")
  Path report;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "override a plan variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(names = "--id", paramLabel = "ID", description = "workflow id (default cutover-<target>)")
  String id;

  @Mixin
  ConnectionOptions connection;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    io.cutover.plan.Plan loaded = io.cutover.activities.plan.PlanLoader.loadFile(plan, vars, false).plan();
    String address = connection.effectiveAddress();
    boolean useEmbedded = embedded || !Temporal.reachable(address);
    EmbeddedTemporal local = null;
    WorkerFactory factory = null;
    WorkflowClient client;
    if (useEmbedded) {
      out.println("Temporal: embedded in-process server (this run lives in this process; use a real server for production)");
      local = new EmbeddedTemporal();
      client = local.client();
    } else {
      client = connection.client();
      out.println("Temporal: " + address + ", namespace " + client.getOptions().getNamespace());
      factory = WorkerSetup.factory(client, null);
      factory.start();
    }
    try {
      before(loaded, out);
      String workflowId = Runs.start(client, plan, vars, dryRun, rehearse(), id);
      out.println("Started " + workflowId + " (task queue " + CutoverWorkflow.TASK_QUEUE + ")"
          + (dryRun ? " — DRY RUN: nothing will change; data steps run on scratch copies" : ""));
      out.flush();
      Runs.Outcome outcome = follow(client, workflowId, out);
      if (outcome.report() != null) {
        ReportPrinter.print(outcome.report(), out, true);
        if (report != null) {
          Files.createDirectories(report.toAbsolutePath().getParent());
          Files.writeString(report, Json.MAPPER.writeValueAsString(outcome.report()), StandardCharsets.UTF_8);
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
  protected void before(io.cutover.plan.Plan loaded, PrintWriter out) throws Exception {}

  /** Called with the run's outcome once its report is printed; returns the exit code. */
  protected int after(io.cutover.plan.Plan loaded, Runs.Outcome outcome, PrintWriter out) throws Exception {
    return outcome.exitCode();
  }

  /** Shows progress and answers gates until the run ends. */
  private Runs.Outcome follow(WorkflowClient client, String workflowId, PrintWriter out) throws Exception {
    CompletableFuture<Runs.Outcome> result = CompletableFuture.supplyAsync(() -> Runs.await(client, workflowId));
    Thread abortOnInterrupt = new Thread(() -> {
      if (!result.isDone()) {
        System.err.println("\nInterrupted: aborting " + workflowId + " and waiting for its rollback…");
        client.newWorkflowStub(CutoverWorkflow.class, workflowId).abort(new AbortRequest(user(), "interrupted at the terminal (Ctrl-C)"));
        try {
          result.get(10, TimeUnit.MINUTES);
        } catch (Exception ignored) {
          // Exiting anyway; the run's state is in Temporal.
        }
      }
    });
    Runtime.getRuntime().addShutdownHook(abortOnInterrupt);
    ProgressPrinter progress = new ProgressPrinter(out);
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
        } catch (java.util.concurrent.TimeoutException notYet) {
          // keep following
        }
      }
      Runs.Outcome outcome = result.get();
      if (outcome.report() != null) {
        progress.update(outcome.report());
      }
      return outcome;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(abortOnInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // already running
      }
    }
  }

  private void decide(WorkflowClient client, String workflowId, OpenGate gate, BufferedReader stdin, PrintWriter out) throws Exception {
    if (approveAll) {
      // A quorum gate needs every listed approver; any other gate takes the first decision.
      java.util.List<String> as = gate.quorum() != null && !gate.pending().isEmpty() ? gate.pending() : java.util.List.of(gateUser(gate));
      for (String who : as) {
        String refused = Runs.decide(client, workflowId, new DecisionUpdate(gate.gate(), who, "approved with --approve-all", true));
        out.println(refused == null ? "  approved as " + who + " (--approve-all)" : "  approval as " + who + " refused: " + refused);
      }
      return;
    }
    if (System.console() == null) {
      out.printf("  waiting for a decision: cutover approve %s --gate %s --by NAME   (or reject)%n", workflowId, gate.gate());
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
        String refused = Runs.decide(client, workflowId, new DecisionUpdate(gate.gate(), user(), comment, go));
        out.println(refused == null ? (go ? "  approved" : "  rejected") : "  refused: " + refused);
        if (refused == null) {
          return;
        }
      }
    }
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
