package io.cutover.workflow;

import io.cutover.activities.LockActivities;
import io.cutover.api.LockAnswer;
import io.cutover.api.LockRelease;
import io.cutover.api.LockRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Grants a resource to one cutover run at a time. Requests are answered in the order they arrive; a
 * holder that ended without releasing (terminated, say) is asked after once another run wants the
 * resource, and no longer holds it. With no holder and nothing waiting, the workflow ends: the next
 * request starts a new one (signal-with-start), so no history grows for ever.
 */
public class ResourceLockWorkflowImpl implements ResourceLockWorkflow {
  private static final Logger log = Workflow.getLogger(ResourceLockWorkflowImpl.class);

  private final LockActivities locks =
      Workflow.newActivityStub(
          LockActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
              .setSummary("is the holder still running?")
              .build());
  private final Deque<LockRequest> waiting = new ArrayDeque<>();
  private LockRequest holder;

  @Override
  public void run(String resource) {
    while (true) {
      Workflow.await(() -> !waiting.isEmpty() || holder == null);
      while (!waiting.isEmpty()) {
        answer(resource, waiting.poll());
      }
      if (holder == null && waiting.isEmpty()) {
        return;
      }
    }
  }

  private void answer(String resource, LockRequest r) {
    boolean same =
        holder != null
            && holder.workflowId().equals(r.workflowId())
            && Objects.equals(holder.runId(), r.runId());
    if (holder != null && !same && !locks.holderRunning(holder.workflowId(), holder.runId())) {
      log.info("{}: holder {} has ended without releasing it", resource, holder.workflowId());
      holder = null;
    }
    LockAnswer a;
    if (holder == null || same) {
      holder = r;
      a = new LockAnswer(resource, true, r.workflowId(), r.runId());
    } else {
      a = new LockAnswer(resource, false, holder.workflowId(), holder.runId());
    }
    try {
      Workflow.newExternalWorkflowStub(
              CutoverWorkflow.class,
              WorkflowExecution.newBuilder()
                  .setWorkflowId(r.workflowId())
                  .setRunId(r.runId())
                  .build())
          .lockAnswer(a);
    } catch (RuntimeException asker) {
      // The asking run ended meanwhile: it holds nothing.
      if (a.granted()) {
        holder = null;
      }
    }
  }

  @Override
  public void acquire(LockRequest request) {
    waiting.add(request);
  }

  @Override
  public void release(LockRelease release) {
    if (holder != null
        && holder.workflowId().equals(release.workflowId())
        && Objects.equals(holder.runId(), release.runId())) {
      holder = null;
    }
  }

  @Override
  public String holder() {
    return holder == null ? null : holder.workflowId();
  }
}
