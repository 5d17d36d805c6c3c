package io.cutover.workflow;

import io.cutover.api.AbortRequest;
import io.cutover.api.CutoverInput;
import io.cutover.api.CutoverReport;
import io.cutover.api.Decision;
import io.cutover.api.DecisionUpdate;
import io.cutover.api.LockAnswer;
import io.cutover.api.MonitorEvent;
import io.cutover.api.PauseRequest;
import io.cutover.api.RecoverRequest;
import io.cutover.api.ReleaseRequest;
import io.cutover.api.StepDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One cutover run. Workflow type {@code CutoverWorkflow}, task queue {@code cutover}, default
 * workflow id {@code cutover-<target>}.
 *
 * <p>Every method takes one JSON object so the Temporal UI's input box and {@code temporal workflow
 * signal --input} work as they are.
 */
@WorkflowInterface
public interface CutoverWorkflow {
  String TASK_QUEUE = "cutover";

  /**
   * Runs the plan and returns the report, whether the run succeeded or rolled back. A run whose
   * rollback failed ends as a failed workflow of type {@code ROLLBACK_FAILED} whose details hold
   * the report; a malformed input fails at once with type {@code INVALID_PLAN}.
   */
  @WorkflowMethod(name = "CutoverWorkflow")
  CutoverReport run(CutoverInput input);

  /** Go for the open gate: {@code {"gate": "go-no-go", "by": "alice", "comment": "..."}}. */
  @SignalMethod(name = "approve")
  void approve(Decision decision);

  /** No-go for the open gate; the run rolls back. */
  @SignalMethod(name = "reject")
  void reject(Decision decision);

  /** Stops the run wherever it is and rolls back: {@code {"by": "alice", "reason": "..."}}. */
  @SignalMethod(name = "abort")
  void abort(AbortRequest request);

  /**
   * Ends the waiting {@code hold} step early; the run goes on with its next step: {@code {"step":
   * "queue-drained", "by": "alice", "reason": "drained by hand"}}. A release without a name or a
   * reason, or for a hold that is not waiting, is refused; applied or refused, it is in the audit
   * trail.
   */
  @SignalMethod(name = "release")
  void release(ReleaseRequest request);

  /**
   * Run the failed step that waits for a decision ({@code onFailure: decide}) again: {@code
   * {"step": "import", "by": "alice", "comment": "disk space freed"}}. A refused signal (no such
   * failed step, already decided) is recorded in the audit trail; {@link #recover} answers instead.
   */
  @SignalMethod(name = "retry")
  void retry(StepDecision decision);

  /**
   * Go on without the failed step that waits for a decision: {@code {"step": "import", "by":
   * "alice", "comment": "reason"}}. The comment is required, and a step marked {@code required}
   * cannot be skipped. Refusals are recorded in the audit trail.
   */
  @SignalMethod(name = "skip")
  void skip(StepDecision decision);

  /**
   * Pause: no new step starts until {@code resume}; the running step goes on, open gates and
   * decisions still take decisions, an abort still rolls back: {@code {"by": "alice", "comment":
   * "vendor call"}}.
   */
  @SignalMethod(name = "pause")
  void pause(PauseRequest request);

  /** Resume a paused run: {@code {"by": "alice"}}. */
  @SignalMethod(name = "resume")
  void resume(PauseRequest request);

  /**
   * Progress of a monitor window, or a decision its {@code decide} trigger needs; sent by the
   * window's own workflow. Events from windows this run is not running are ignored.
   */
  @SignalMethod(name = "monitor")
  void monitor(MonitorEvent event);

  /**
   * A resource lock's answer to this run's request (sent by the lock workflow, not by people):
   * granted, or refused naming the running cutover that holds the resource.
   */
  @SignalMethod(name = "lockAnswer")
  void lockAnswer(LockAnswer answer);

  /** The run as it stands: each step's state, the open gate, approvals, rollback. */
  @QueryMethod(name = "status")
  CutoverReport status();

  /**
   * Approve or reject the open gate, answering at once whether the decision was accepted. The
   * validator refuses a decision for a gate that is not open or from someone not listed.
   */
  @UpdateMethod(name = "decide")
  String decide(DecisionUpdate update);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(DecisionUpdate update);

  /**
   * Retry, skip or roll back the failed step that waits for a decision, answering at once whether
   * the choice was accepted: {@code {"step": "import", "action": "skip", "by": "alice", "comment":
   * "loaded by hand"}}. The validator refuses a step that is not waiting, an unknown action, a skip
   * without a comment and a skip of a {@code required} step, each with a reason.
   */
  @UpdateMethod(name = "recover")
  String recover(RecoverRequest request);

  @UpdateValidatorMethod(updateName = "recover")
  void validateRecover(RecoverRequest request);
}
