package io.cutover.worker;

import io.cutover.workflow.CutoverSearchAttributes;
import io.cutover.workflow.CutoverWorkflow;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * An in-process Temporal server (the SDK's test server, in real time) with a Cutover worker: what
 * {@code cutover run} uses with {@code --embedded} or when no Temporal address is configured. Runs
 * live in memory and end with the process.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestWorkflowEnvironment env;

  public EmbeddedTemporal() {
    env = newEnvironment();
    Worker worker = env.newWorker(CutoverWorkflow.TASK_QUEUE, WorkerSetup.workerOptions());
    WorkerSetup.registerAll(worker);
    env.start();
  }

  /**
   * An in-process server in real time with Cutover's client and factory options and its search
   * attributes registered (every run upserts them; the test server refuses unknown ones, which
   * would fail workflow tasks forever). No worker yet, not started.
   */
  public static TestWorkflowEnvironment newEnvironment() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(WorkerSetup.factoryOptions())
                .setWorkflowClientOptions(WorkerSetup.clientOptions())
                .build());
    for (var key : CutoverSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return env;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  @Override
  public void close() {
    env.close();
  }
}
