package io.cutover.workflow;

import io.cutover.api.Evidence;
import io.cutover.api.StepOutcome;
import io.cutover.api.StepReport;
import io.cutover.api.StepStatus;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** The mutable state of one step while the workflow runs; {@link #report()} freezes it. */
final class StepRecord {
  final Step step;
  StepStatus status = StepStatus.PENDING;
  String startedAt;
  String endedAt;
  long startedMillis;
  long endedMillis;
  String summary;
  String error;
  final List<Evidence> evidence = new ArrayList<>();
  final List<String> artifacts = new ArrayList<>();

  StepRecord(Step step) {
    this.step = step;
  }

  void start(String at, long millis) {
    status = StepStatus.RUNNING;
    startedAt = at;
    startedMillis = millis;
  }

  void succeed(StepOutcome out, String at, long millis) {
    status = StepStatus.SUCCEEDED;
    end(at, millis);
    if (out != null) {
      summary = out.summary();
      evidence.addAll(out.evidence());
      artifacts.addAll(out.artifacts());
    }
  }

  void fail(String message, List<Evidence> found, String at, long millis) {
    status = StepStatus.FAILED;
    end(at, millis);
    error = message;
    evidence.addAll(found);
  }

  private void end(String at, long millis) {
    endedAt = at;
    endedMillis = millis;
  }

  boolean ran() {
    return startedAt != null;
  }

  StepReport report() {
    return new StepReport(step.id(), step.type(), step.title(), step.host(), status, startedAt,
        endedAt, summary, error, evidence, artifacts);
  }
}
