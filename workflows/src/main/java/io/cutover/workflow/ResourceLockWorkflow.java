package io.cutover.workflow;

import io.cutover.api.LockRelease;
import io.cutover.api.LockRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One cutover at a time per resource (a SQLite file, a PostgreSQL database, a config file, a
 * service): a workflow per resource, id {@code cutover-lock-<hash of the key>}, started by the
 * first {@code acquire} (signal-with-start). It grants the resource to one run and refuses the
 * others, naming the holder; a holder that ended without releasing (terminated, failed) no longer
 * counts.
 */
@WorkflowInterface
public interface ResourceLockWorkflow {
  /** Task queue: the cutover's own, so every Cutover worker runs lock workflows too. */
  String TYPE = "CutoverResourceLock";

  @WorkflowMethod(name = TYPE)
  void run(String resource);

  @SignalMethod(name = "acquire")
  void acquire(LockRequest request);

  @SignalMethod(name = "release")
  void release(LockRelease release);

  /** The holding run's workflow id, or null. */
  @QueryMethod(name = "holder")
  String holder();
}
