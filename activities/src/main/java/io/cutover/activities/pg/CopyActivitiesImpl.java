package io.cutover.activities.pg;

import io.cutover.activities.CopyActivities;
import io.cutover.activities.CopyRequest;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.support.Fail;
import io.cutover.api.Evidence;
import io.cutover.api.FailureType;
import io.cutover.api.StepOutcome;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class CopyActivitiesImpl implements CopyActivities {
  private final long failFirstAttemptAfterRows;

  public CopyActivitiesImpl() {
    this(-1);
  }

  /**
   * A copy whose first attempt fails after committing {@code rows} rows, as a crashed worker would:
   * for tests of the resume path. Later attempts run normally.
   */
  public static CopyActivitiesImpl failingFirstAttemptAfter(long rows) {
    return new CopyActivitiesImpl(rows);
  }

  private CopyActivitiesImpl(long failFirstAttemptAfterRows) {
    this.failFirstAttemptAfterRows = failFirstAttemptAfterRows;
  }

  @Override
  public StepOutcome copy(CopyRequest request) {
    long fault = failFirstAttemptAfterRows >= 0 && attempt() == 1 ? failFirstAttemptAfterRows : -1;
    return copy(request, fault);
  }

  /** Runs a copy outside Temporal too (bench/copy, tests); {@code failAfterRows} -1 for none. */
  public static StepOutcome copy(CopyRequest request, long failAfterRows) {
    try {
      return new CopyEngine(request, failAfterRows).run();
    } catch (PartScheduler.PartFailure e) {
      throw classify(request, e.getCause());
    } catch (SQLException | IOException e) {
      throw classify(request, e);
    }
  }

  private static RuntimeException classify(CopyRequest request, Throwable e) {
    if (e instanceof ApplicationFailure af) {
      return af;
    }
    String where =
        "copy from '" + request.source().name() + "' to '" + request.target().name() + "'";
    if (e instanceof SQLException s
        && !Connections.isTransient(s)
        && s.getSQLState() != null
        && (s.getSQLState().startsWith("22")
            || s.getSQLState().startsWith("23")
            || s.getSQLState().startsWith("42"))) {
      return Fail.of(
          FailureType.BAD_DATA,
          where
              + " failed: "
              + e.getMessage()
              + " — the chunks committed before it stay, and a new run of the step resumes after"
              + " them");
    }
    return Fail.transientFault(
        where
            + " interrupted: "
            + e.getMessage()
            + " (a retry resumes from the last committed chunk)",
        e);
  }

  @Override
  public StepOutcome undoCopy(CopyRequest request) {
    List<Evidence> evidence = new ArrayList<>();
    try (Connection pg = Connections.open(request.target(), request.context().baseDir())) {
      if (!CopyState.exists(pg)) {
        return StepOutcome.of(
            "nothing to undo: the copy never started on '" + request.target().name() + "'");
      }
      pg.setAutoCommit(false);
      Map<String, Boolean> tables = CopyState.tables(pg, request.context());
      List<String> filled = new ArrayList<>();
      try (Statement st = pg.createStatement()) {
        for (Map.Entry<String, Boolean> e : tables.entrySet()) {
          if (!PgBuild.tableExists(pg, e.getKey())) {
            continue;
          }
          if (e.getValue()) {
            st.execute("DROP TABLE " + SqlNames.quote(e.getKey()) + " CASCADE");
            evidence.add(Evidence.info("dropped", e.getKey()));
          } else {
            filled.add(SqlNames.quote(e.getKey()));
          }
        }
        if (!filled.isEmpty()) {
          st.execute("TRUNCATE " + String.join(", ", filled));
          evidence.add(Evidence.info("emptied", String.join(", ", filled)));
        }
      }
      CopyState.forget(pg, request.context());
      pg.commit();
      return new StepOutcome(
          "undid the copy on '"
              + request.target().name()
              + "': dropped "
              + tables.values().stream().filter(b -> b).count()
              + ", emptied "
              + filled.size()
              + " table(s)",
          evidence,
          List.of());
    } catch (SQLException e) {
      if (Connections.isTransient(e)) {
        throw Fail.transientFault(
            "undo of the copy on '" + request.target().name() + "': " + e.getMessage(), e);
      }
      throw Fail.of(
          FailureType.ROLLBACK_FAILED,
          "undo of the copy on '" + request.target().name() + "' failed: " + e.getMessage());
    }
  }

  private static int attempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException | NullPointerException outsideActivity) {
      return 1;
    }
  }
}
