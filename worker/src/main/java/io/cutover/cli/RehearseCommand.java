package io.cutover.cli;

import io.cutover.activities.state.SystemState;
import io.cutover.api.BudgetReport;
import io.cutover.api.CutoverReport;
import io.cutover.api.RunStatus;
import io.cutover.plan.Plan;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code cutover rehearse PLAN}: runs the plan forward against what it names (staging), rolls back
 * by design once every step passed, and proves the system is back where it started by content
 * checksum — the rehearsal seed 001 asks for before any go. Reports forward time, downtime and
 * rollback time (RTO) against the plan's budget.
 */
@Command(
    name = "rehearse",
    mixinStandardHelpOptions = true,
    description =
        "Run a plan forward, force its rollback, and verify the system is back to its starting"
            + " state (staging).",
    footerHeading = CutoverCommand.EXAMPLE,
    footer = {
      "  cutover rehearse examples/oapp-canonical-rebuild/plan.yaml --embedded \\",
      "      --approve-all"
    })
public class RehearseCommand extends RunCommand {
  private Map<String, String> before;

  @Override
  protected boolean rehearse() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    if (dryRun) {
      throw new IllegalArgumentException(
          "a rehearsal changes the system and puts it back; --dry-run changes nothing: choose one");
    }
    return super.call();
  }

  @Override
  protected void before(Plan loaded, PrintWriter out) {
    before = SystemState.capture(loaded);
    out.println(
        "Rehearsal of '"
            + loaded.name()
            + "': starting state captured ("
            + before.size()
            + " tables and files by content checksum); the run rolls back by design once every step"
            + " passed");
  }

  @Override
  protected int after(Plan loaded, Runs.Outcome outcome, PrintWriter out) {
    CutoverReport r = outcome.report();
    if (r == null || r.status() == RunStatus.PREFLIGHT_FAILED) {
      return outcome.exitCode(); // nothing ran: nothing to compare
    }
    SystemState.Comparison comparison = SystemState.compare(before, SystemState.capture(loaded));
    List<String> differences = comparison.differences();
    boolean forwardPassed =
        r.rollback().ran()
            && r.rollback().reason() != null
            && r.rollback().reason().startsWith("rehearsal:");
    out.println();
    out.println("Rehearsal results");
    out.println(
        "  forward path:   " + (forwardPassed ? "every step passed" : "STOPPED: " + r.failure()));
    out.println("  rollback:       " + r.status());
    out.println(
        "  state restored: "
            + (differences.isEmpty()
                ? "yes — all "
                    + (before.size() - comparison.notCompared().size())
                    + " tables and files match their starting checksums"
                : "NO — " + differences.size() + " difference(s):"));
    differences.forEach(d -> out.println("    " + d));
    comparison
        .notCompared()
        .forEach(
            d -> out.println("  not compared:   " + d + " — not readable before the rehearsal"));
    BudgetReport b = r.budget();
    out.println(
        "  forward time:   "
            + seconds(forwardSeconds(r))
            + limit(b == null ? null : b.totalLimitSeconds()));
    out.println(
        "  downtime:       "
            + seconds(b == null ? null : b.downtimeSeconds())
            + limit(b == null ? null : b.downtimeLimitSeconds()));
    out.println(
        "  rollback (RTO): "
            + seconds(b == null ? null : b.rollbackSeconds())
            + limit(b == null ? null : b.rollbackLimitSeconds()));
    boolean within =
        b == null
            || (under(forwardSeconds(r), b.totalLimitSeconds())
                && under(b.downtimeSeconds(), b.downtimeLimitSeconds())
                && under(b.rollbackSeconds(), b.rollbackLimitSeconds()));
    out.println("  within budget:  " + (within ? "yes" : "NO"));
    out.flush();
    if (r.status() == RunStatus.ROLLBACK_FAILED) {
      return ExitCodes.ROLLBACK_FAILED;
    }
    if (!forwardPassed || !differences.isEmpty()) {
      return ExitCodes.ERROR;
    }
    return within ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private static boolean under(Double measured, Double limit) {
    return measured == null || limit == null || measured <= limit;
  }

  private static Double forwardSeconds(CutoverReport r) {
    if (r.startedAt() == null || r.rollback().startedAt() == null) {
      return null;
    }
    return Duration.between(Instant.parse(r.startedAt()), Instant.parse(r.rollback().startedAt()))
            .toMillis()
        / 1000.0;
  }

  private static String seconds(Double s) {
    return s == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String limit(Double s) {
    return s == null ? "" : String.format(Locale.ROOT, " (budget %.0f s)", s);
  }
}
