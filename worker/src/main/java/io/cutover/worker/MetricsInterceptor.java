package io.cutover.worker;

import com.uber.m3.tally.Scope;
import io.cutover.api.CutoverReport;
import io.cutover.api.FailureType;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Cutover's own counters, taken from each run's report when the run ends, outside the workflow
 * code: {@code cutover_runs_total{status}}, {@code cutover_steps_total{type,outcome}}, {@code
 * cutover_rollbacks_total{result}} and {@code cutover_gate_wait_seconds}. It emits through {@link
 * Workflow#getMetricsScope()}, which stays silent while a worker replays history, so a run is
 * counted once however often it is replayed.
 */
public final class MetricsInterceptor extends WorkerInterceptorBase {
  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        WorkflowOutput out;
        try {
          out = super.execute(input);
        } catch (ApplicationFailure e) {
          if (FailureType.ROLLBACK_FAILED.name().equals(e.getType())
              && e.getDetails().getSize() > 0) {
            count(e.getDetails().get(CutoverReport.class));
          }
          throw e;
        }
        if (out.getResult() instanceof CutoverReport r) {
          count(r);
        }
        return out;
      }
    };
  }

  private static void count(CutoverReport r) {
    if (r == null || r.status() == null) {
      return;
    }
    Scope scope = Workflow.getMetricsScope();
    scope.tagged(Map.of("status", lower(r.status().name()))).counter("cutover_runs").inc(1);
    for (StepReport s : r.steps()) {
      if (s.status() != StepStatus.PENDING) {
        scope
            .tagged(Map.of("type", s.type(), "outcome", lower(s.status().name())))
            .counter("cutover_steps")
            .inc(1);
      }
      if ("gate".equals(s.type()) && s.startedAt() != null && s.endedAt() != null) {
        scope
            .tagged(Map.of("gate", s.id(), "outcome", lower(s.status().name())))
            .timer("cutover_gate_wait")
            .record(
                com.uber.m3.util.Duration.ofMillis(
                    Duration.between(Instant.parse(s.startedAt()), Instant.parse(s.endedAt()))
                        .toMillis()));
      }
    }
    if (r.rollback() != null && r.rollback().ran()) {
      scope.tagged(Map.of("result", lower(r.status().name()))).counter("cutover_rollbacks").inc(1);
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
