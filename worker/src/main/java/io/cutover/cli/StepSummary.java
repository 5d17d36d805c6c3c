package io.cutover.cli;

import io.cutover.plan.Step;

/**
 * One step of a checked plan: id, type, what it does, the host whose worker runs it (null: any
 * worker) and whether it changes something a rollback must put back.
 */
record StepSummary(String id, String type, String description, String host, boolean destructive) {
  static StepSummary of(Step s) {
    return new StepSummary(s.id(), s.type(), s.description(), s.host(), s.destructive());
  }
}
