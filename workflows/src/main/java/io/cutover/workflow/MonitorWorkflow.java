package io.cutover.workflow;

import io.cutover.api.MonitorView;
import io.cutover.workflow.watch.MonitorInput;
import io.cutover.workflow.watch.MonitorResult;
import io.cutover.workflow.watch.StopRequest;
import io.cutover.workflow.watch.TriggerResolution;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One monitor window, run by a cutover as a child workflow {@code <cutover id>.<step id>}. It
 * samples on a durable schedule, continues as new every few samples so its history stays short,
 * reports progress and decision requests to the cutover, and ends when the window passes or a
 * rollback trigger fires.
 */
@WorkflowInterface
public interface MonitorWorkflow {
  @WorkflowMethod(name = "CutoverMonitor")
  MonitorResult watch(MonitorInput input);

  /** People chose to continue after a decide trigger fired. */
  @SignalMethod(name = "resolve")
  void resolve(TriggerResolution resolution);

  /**
   * The cutover's step ended before the window did: stop sampling and end. Sent by workflow id, so
   * it reaches the window's current run however often it continued as new.
   */
  @SignalMethod(name = "stop")
  void stop(StopRequest request);

  /** The window now: elapsed time, latest samples, how close each trigger is. */
  @QueryMethod(name = "status")
  MonitorView status();
}
