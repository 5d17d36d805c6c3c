package io.cutover.cli;

import com.google.protobuf.Timestamp;
import io.cutover.activities.support.Json;
import io.cutover.workflow.CutoverSearchAttributes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of {@code cutover list}: the run's execution as Temporal lists it, and where the cutover
 * stands from its search attributes (null when the run has not set them).
 *
 * @param status the cutover's status ({@code CutoverStatus}), e.g. {@code AWAITING_APPROVAL}
 * @param executionStatus Temporal's, e.g. {@code Running}, {@code Completed}, {@code Canceled}
 * @param currentStep the step it is at ({@code CutoverStep})
 * @param gate the gate it waits at ({@code CutoverGate})
 * @param closedAt null while it runs
 * @param summary what {@code cutover start} set: plan, anchor and target
 */
record ListedRun(
    String workflowId,
    String runId,
    String status,
    String executionStatus,
    String target,
    String currentStep,
    String gate,
    String startedAt,
    String closedAt,
    String summary) {

  static ListedRun of(WorkflowExecutionInfo i, String summary) {
    var fields = i.getSearchAttributes().getIndexedFieldsMap();
    return new ListedRun(
        i.getExecution().getWorkflowId(),
        i.getExecution().getRunId(),
        keyword(fields.get(CutoverSearchAttributes.STATUS.getName())),
        executionStatus(i),
        keyword(fields.get(CutoverSearchAttributes.TARGET.getName())),
        keyword(fields.get(CutoverSearchAttributes.STEP.getName())),
        keyword(fields.get(CutoverSearchAttributes.GATE.getName())),
        time(i.getStartTime()),
        i.hasCloseTime() && i.getCloseTime().getSeconds() > 0 ? time(i.getCloseTime()) : null,
        summary);
  }

  /**
   * Status and the step or gate it is at, in one column, e.g. {@code AWAITING_APPROVAL gate
   * go-no-go}.
   */
  String cutoverState() {
    if (status == null) {
      return "-";
    }
    return status + (gate != null ? " gate " + gate : currentStep != null ? " " + currentStep : "");
  }

  private static String executionStatus(WorkflowExecutionInfo i) {
    String s = i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    return s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * A Keyword search attribute's value (JSON text in the payload; search attributes are never
   * encrypted).
   */
  private static String keyword(Payload p) {
    if (p == null || p.getData().isEmpty()) {
      return null;
    }
    try {
      var node = Json.MAPPER.readTree(p.getData().toByteArray());
      return node.isTextual()
          ? node.asText()
          : node.isArray() && node.size() > 0 ? node.get(0).asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String time(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds()).toString();
  }
}
