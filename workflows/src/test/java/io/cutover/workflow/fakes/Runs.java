package io.cutover.workflow.fakes;

import io.cutover.api.CompensationReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Starting runs of YAML plans, following them, and reading their reports. */
public final class Runs {
  private Runs() {}

  public static CutoverWorkflow start(
      WorkflowClient client, WorkflowOptions options, String yaml, boolean dryRun) {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(wf::run, TestPlans.input(yaml, dryRun));
    return wf;
  }

  public static CutoverWorkflow start(WorkflowClient client, WorkflowOptions options, String yaml) {
    return start(client, options, yaml, false);
  }

  /**
   * The run's report once it ended (time skips meanwhile), also when it failed as {@code
   * ROLLBACK_FAILED}, whose failure carries the report.
   */
  public static CutoverReport result(CutoverWorkflow wf) {
    try {
      return WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof ApplicationFailure a && "ROLLBACK_FAILED".equals(a.getType())) {
        return a.getDetails().get(CutoverReport.class);
      }
      throw e;
    }
  }

  /**
   * The report of a cancelled run: Temporal closes it as Canceled (no result), and the report stays
   * readable through the status query.
   */
  public static CutoverReport resultAfterCancel(CutoverWorkflow wf) {
    try {
      WorkflowStub.fromTyped(wf).getResult(CutoverReport.class);
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof CanceledFailure) {
        return wf.status();
      }
      throw e;
    }
    throw new AssertionError("a cancelled run must close as Canceled");
  }

  /** Polls the status query (time does not skip meanwhile) until it satisfies the condition. */
  public static CutoverReport await(CutoverWorkflow wf, Predicate<CutoverReport> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    CutoverReport last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = wf.status();
        if (condition.test(last)) {
          return last;
        }
      } catch (RuntimeException notYet) {
        // the first workflow task may not have run yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached within 20s; last status: " + last);
  }

  public static Predicate<CutoverReport> running(String stepId) {
    return r ->
        r.steps().stream().anyMatch(s -> s.id().equals(stepId) && s.status() == StepStatus.RUNNING);
  }

  public static Predicate<CutoverReport> gateOpen(String gate) {
    return r -> r.openGate() != null && r.openGate().gate().equals(gate);
  }

  public static StepReport step(CutoverReport r, String id) {
    return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  public static StepStatus status(CutoverReport r, String id) {
    return step(r, id).status();
  }

  /** Each compensation as {@code "<for steps>: <status>"}, in the order they ran. */
  public static List<String> compensations(CutoverReport r) {
    return r.rollback().compensations().stream()
        .map((CompensationReport c) -> c.forStep() + ": " + c.status())
        .toList();
  }
}
