package io.cutover.testing;

import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.worker.WorkerSetup;
import io.cutover.workflow.CutoverSearchAttributes;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** A Temporal test environment with Cutover's real workflow and activities, and run helpers. */
public final class CutoverTesting {
  private CutoverTesting() {}

  /**
   * Worker options for the SDK's in-process test server: sticky execution off. That server keeps
   * routing a run's workflow tasks to a stopped worker's sticky queue, so a test that replaces a
   * worker would wait forever. The real server moves them to the shared queue after 5 s, which is
   * why production workers (and the tests on the real dev server) keep sticky execution on.
   */
  public static WorkerOptions testServerWorkerOptions() {
    return WorkerOptions.newBuilder(WorkerSetup.workerOptions())
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .build();
  }

  /** In-process test server with time skipping, the real workflow and every real activity. */
  public static TestWorkflowExtension extension() {
    return builder().setWorkerOptions(testServerWorkerOptions()).build();
  }

  /** The same, with the test server's clock starting at the given instant (for change windows). */
  public static TestWorkflowExtension extensionAt(Instant start) {
    return builder().setWorkerOptions(testServerWorkerOptions()).setInitialTime(start).build();
  }

  /**
   * The same, with the workers' sticky cache on: for tests of very long histories (a day of
   * samples), where replaying every run from the start on each workflow task would dominate.
   * Nothing in such tests kills a worker, which is what the sticky cache is off for elsewhere.
   */
  public static TestWorkflowExtension extensionWithStickyCache() {
    return builder().build();
  }

  /** Registers Cutover's search attributes, which every run upserts, on a test extension. */
  public static TestWorkflowExtension.Builder withSearchAttributes(
      TestWorkflowExtension.Builder b) {
    for (var key : CutoverSearchAttributes.ALL) {
      b.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return b;
  }

  /** Registers Cutover's search attributes, which every run upserts, on a test environment. */
  public static void registerSearchAttributes(TestWorkflowEnvironment env) {
    for (var key : CutoverSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  private static TestWorkflowExtension.Builder builder() {
    return withSearchAttributes(TestWorkflowExtension.newBuilder())
        .setWorkflowClientOptions(WorkerSetup.clientOptions())
        .setWorkerFactoryOptions(WorkerSetup.factoryOptions())
        .registerWorkflowImplementationTypes(WorkerSetup.workflowTypes())
        .setActivityImplementations(WorkerSetup.activities());
  }

  /** Starts a run of a plan file asynchronously and returns its workflow stub. */
  public static CutoverWorkflow start(
      WorkflowClient client, WorkflowOptions options, Path plan, Map<String, String> vars) {
    CutoverWorkflow wf = client.newWorkflowStub(CutoverWorkflow.class, options);
    WorkflowClient.start(wf::run, CutoverInput.ofPlanFile(plan.toString(), vars, false));
    return wf;
  }

  /** Polls the status query (without letting time skip) until it satisfies the condition. */
  public static CutoverReport awaitStatus(
      CutoverWorkflow wf, Predicate<CutoverReport> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
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
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition not reached within " + timeout + "; last status: " + last);
  }

  public static Predicate<CutoverReport> gateOpen(String gate) {
    return r -> r.openGate() != null && r.openGate().gate().equals(gate);
  }

  public static Predicate<CutoverReport> stepRunning(String step) {
    return r ->
        r.steps().stream().anyMatch(s -> s.id().equals(step) && s.status() == StepStatus.RUNNING);
  }

  /** The report of step {@code id} in a cutover's report. */
  public static StepReport step(CutoverReport r, String id) {
    return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }
}
