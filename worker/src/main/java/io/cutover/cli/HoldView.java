package io.cutover.cli;

import io.cutover.api.CutoverReport;
import io.cutover.api.Evidence;
import io.cutover.api.OpenFailure;
import io.cutover.api.PauseView;
import io.cutover.api.WindowWait;
import java.util.ArrayList;
import java.util.List;

/**
 * What holds a run, for terminals: a pause, a failed step waiting for retry, skip or rollback, the
 * wait for a change window; each with the command that moves it on.
 */
final class HoldView {
  private HoldView() {}

  /** The lines to show; empty when nothing holds the run. */
  static List<String> lines(CutoverReport r) {
    List<String> out = new ArrayList<>();
    String id = r.workflowId();
    PauseView p = r.paused();
    if (p != null) {
      out.add(
          "⏸ PAUSED by "
              + p.by()
              + " since "
              + p.since()
              + (p.comment() == null ? "" : " (" + p.comment() + ")")
              + ": no new step starts until `cutover resume "
              + id
              + " --by NAME`");
    }
    OpenFailure f = r.openFailure();
    if (f != null) {
      out.add("✗ Step '" + f.step() + "' failed (attempt " + f.attempt() + "): " + f.error());
      for (Evidence e : f.evidence()) {
        out.add("    " + e);
      }
      out.add("  decide by " + f.deadline() + " (no decision by then means rollback):");
      out.add("    cutover retry " + id + " --step " + f.step() + " --by NAME --comment TEXT");
      if (f.choices().contains("skip")) {
        out.add("    cutover skip " + id + " --step " + f.step() + " --by NAME --comment REASON");
      } else {
        out.add("    (required: it cannot be skipped)");
      }
      out.add("    cutover abort " + id + " --by NAME --reason TEXT    # roll back");
    }
    WindowWait w = r.windowWait();
    if (w != null) {
      out.add("◷ Waiting for the change window (" + w.schedule() + "): " + w.reason());
      out.add(
          "  starts changing things at "
              + w.opensAt()
              + (w.closesAt() == null ? "" : " (the window closes " + w.closesAt() + ")")
              + "; nothing has been changed yet");
    }
    return out;
  }
}
