package io.cutover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cutover.activities.LoadedPlan;
import io.cutover.activities.plan.PlanException;
import io.cutover.activities.plan.PlanLoader;
import io.cutover.activities.support.Json;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.FailureType;
import io.cutover.api.RecoverRequest;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Starting runs and collecting their results, shared by the client commands. */
final class Runs {
  /** How a run ended, as the CLI reports it. */
  record Outcome(CutoverReport report, String error, int exitCode) {}

  /**
   * Cutover's workflow tasks take milliseconds; a short timeout hands a task held by a dead worker
   * to another one sooner than the 10 s default.
   */
  static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(4);

  private Runs() {}

  /**
   * Checks the plan here (so errors point at lines of the file), then starts it with the plan
   * document itself as input, so any worker can run it without access to this file.
   */
  static String start(
      WorkflowClient client, Path planFile, Map<String, String> vars, boolean dryRun, String id)
      throws PlanException {
    return start(client, planFile, vars, dryRun, false, id);
  }

  /**
   * The same; a rehearsal rolls back by design once every step passed (see {@code cutover
   * rehearse}).
   */
  static String start(
      WorkflowClient client,
      Path planFile,
      Map<String, String> vars,
      boolean dryRun,
      boolean rehearse,
      String id)
      throws PlanException {
    LoadedPlan loaded = PlanLoader.loadFile(planFile, vars, dryRun);
    Plan plan = loaded.plan();
    Object raw;
    try {
      raw = Json.MAPPER.treeToValue(PlanLoader.read(planFile).tree(), Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // A dry run has its own id: it may run while the real cutover of the same target is running.
    String workflowId =
        id != null ? id : plan.workflowId() + (dryRun ? "-dry-run" : rehearse ? "-rehearsal" : "");
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(CutoverWorkflow.TASK_QUEUE)
            .setWorkflowTaskTimeout(WORKFLOW_TASK_TIMEOUT)
            .setStaticSummary(
                plan.name() + " · anchor " + plan.anchor() + " · target " + plan.target())
            .setStaticDetails(staticDetails(plan))
            .build();
    CutoverWorkflow stub = client.newWorkflowStub(CutoverWorkflow.class, options);
    try {
      CutoverInput input = CutoverInput.ofPlan(raw, plan.baseDir(), vars, dryRun);
      WorkflowClient.start(stub::run, rehearse ? input.asRehearsal() : input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new IllegalArgumentException(
          "a cutover of target '"
              + plan.target()
              + "' is already running as workflow "
              + workflowId
              + ": follow it with `cutover watch "
              + workflowId
              + "` or stop it with `cutover abort "
              + workflowId
              + " --by NAME --reason TEXT`");
    }
    return workflowId;
  }

  /** What the Temporal UI shows under the run's details: the plan's purpose and its steps. */
  static String staticDetails(Plan plan) {
    StringBuilder sb =
        new StringBuilder("**")
            .append(plan.name())
            .append("** — anchor `")
            .append(plan.anchor())
            .append("`, target `")
            .append(plan.target())
            .append('`');
    if (plan.description() != null) {
      sb.append("\n\n").append(plan.description().trim());
    }
    sb.append("\n\nSteps:");
    int i = 1;
    for (Step s : plan.steps()) {
      sb.append("\n")
          .append(i++)
          .append(". `")
          .append(s.id())
          .append("` (")
          .append(s.type())
          .append(s.host() == null ? "" : ", host " + s.host())
          .append(") ")
          .append(s.title());
    }
    if (!plan.rollback().isEmpty()) {
      sb.append("\n\nRollback steps: ")
          .append(String.join(", ", plan.rollback().stream().map(Step::id).toList()));
    }
    return sb.toString();
  }

  /** Waits for the run to end. */
  static Outcome await(WorkflowClient client, String id) {
    try {
      CutoverReport r = client.newUntypedWorkflowStub(id).getResult(CutoverReport.class);
      return new Outcome(r, null, ExitCodes.of(r.status()));
    } catch (WorkflowFailedException e) {
      ApplicationFailure af = CutoverCommand.find(e, ApplicationFailure.class);
      if (af != null && FailureType.ROLLBACK_FAILED.name().equals(af.getType())) {
        CutoverReport r = af.getDetails().get(CutoverReport.class);
        return new Outcome(r, af.getOriginalMessage(), ExitCodes.ROLLBACK_FAILED);
      }
      if (af != null && FailureType.INVALID_PLAN.name().equals(af.getType())) {
        return new Outcome(null, af.getOriginalMessage(), ExitCodes.INVALID);
      }
      if (CutoverCommand.find(e, CanceledFailure.class) != null) {
        // Temporal closes a cancelled run as Canceled and drops its result; the final report
        // is still what the status query returns.
        CutoverReport r = status(client, id);
        return new Outcome(
            r, "the workflow was cancelled; it rolled back", ExitCodes.of(r.status()));
      }
      TemporalFailure tf = CutoverCommand.find(e, TemporalFailure.class);
      return new Outcome(
          null,
          "the run failed: " + (tf != null ? tf.getOriginalMessage() : e.getMessage()),
          ExitCodes.ERROR);
    }
  }

  static CutoverReport status(WorkflowClient client, String id) {
    return client.newWorkflowStub(CutoverWorkflow.class, id).status();
  }

  /**
   * Sends a retry, skip or rollback through the validated {@code recover} update; null if accepted,
   * else why not.
   */
  static String recover(WorkflowClient client, String id, RecoverRequest request) {
    try {
      String answer = client.newWorkflowStub(CutoverWorkflow.class, id).recover(request);
      return answer != null && answer.startsWith("refused: ")
          ? answer.substring("refused: ".length())
          : null;
    } catch (WorkflowUpdateException e) {
      ApplicationFailure af = CutoverCommand.find(e, ApplicationFailure.class);
      return af != null ? af.getOriginalMessage() : e.getMessage();
    }
  }

  /** Sends a decision through the validated update; returns null if accepted, else why not. */
  static String decide(WorkflowClient client, String id, DecisionUpdate decision) {
    try {
      client.newWorkflowStub(CutoverWorkflow.class, id).decide(decision);
      return null;
    } catch (WorkflowUpdateException e) {
      ApplicationFailure af = CutoverCommand.find(e, ApplicationFailure.class);
      return af != null ? af.getOriginalMessage() : e.getMessage();
    }
  }
}
