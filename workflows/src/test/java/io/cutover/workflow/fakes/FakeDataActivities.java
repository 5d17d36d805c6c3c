package io.cutover.workflow.fakes;

import io.cutover.activities.DataActivities;
import io.cutover.activities.DbRef;
import io.cutover.activities.ImportCsvRequest;
import io.cutover.activities.SqlRequest;
import io.cutover.activities.TruncateRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.SqliteDatabase;

/** Records {@code sql|truncate|import-csv <step> @<database path>}. */
public final class FakeDataActivities implements DataActivities {
  private final CallLog log;

  public FakeDataActivities(CallLog log) {
    this.log = log;
  }

  static String path(DbRef db) {
    return db.database() instanceof SqliteDatabase s ? s.path() : db.name();
  }

  @Override
  public StepOutcome truncate(TruncateRequest request) {
    log.record("truncate " + request.step().id() + " @" + path(request.db()));
    return StepOutcome.of("truncated");
  }

  @Override
  public StepOutcome importCsv(ImportCsvRequest request) {
    log.record("import-csv " + request.step().id() + " @" + path(request.db()));
    return StepOutcome.of("imported");
  }

  @Override
  public StepOutcome runSql(SqlRequest request) {
    log.record("sql " + request.step().id() + " @" + path(request.db()));
    return StepOutcome.of("ran sql");
  }
}
