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

  /** How many times the step has run; more than 1 only after a {@code retry} decision. */
  int attempt = 1;

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
      summary =
          attempt > 1 && out.summary() != null
              ? "attempt " + attempt + ": " + out.summary()
              : out.summary();
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

  /**
   * Runs the step again after a {@code retry} decision: the failed attempt's evidence stays,
   * labelled with its attempt, followed by what failed and who chose to retry. The step keeps the
   * start of its first attempt.
   */
  void retry(String by, String comment) {
    closeAttempt("retried by " + by + (comment == null || comment.isBlank() ? "" : ": " + comment));
    attempt++;
    status = StepStatus.RUNNING;
    endedAt = null;
  }

  /** Goes on without the step after a {@code skip} decision; the reason becomes its summary. */
  void skip(String by, String reason) {
    closeAttempt("skipped");
    status = StepStatus.SKIPPED;
    summary = "skipped by " + by + " after attempt " + attempt + " failed: " + reason;
  }

  private void closeAttempt(String then) {
    String label = "attempt " + attempt;
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      if (e.name() == null || !e.name().startsWith("attempt ")) {
        evidence.set(i, new Evidence(label + " · " + e.name(), e.expected(), e.actual(), e.ok()));
      }
    }
    evidence.add(Evidence.info(label, "failed: " + error + " — " + then));
    error = null;
  }

  private void end(String at, long millis) {
    endedAt = at;
    endedMillis = millis;
  }

  boolean ran() {
    return startedAt != null;
  }

  StepReport report() {
    return new StepReport(
        step.id(),
        step.type(),
        step.title(),
        step.host(),
        status,
        startedAt,
        endedAt,
        summary,
        error,
        evidence,
        artifacts);
  }
}
