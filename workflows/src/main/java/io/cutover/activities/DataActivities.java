package io.cutover.activities;

import io.cutover.api.StepOutcome;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Steps that change data: truncate, import-csv, sql. Each runs in one transaction per unit and
 * records itself in the database's {@code cutover_ledger} table in that same transaction, so a
 * retry after a crash sees it already applied and changes nothing.
 */
@ActivityInterface
public interface DataActivities {
  @ActivityMethod
  StepOutcome truncate(TruncateRequest request);

  @ActivityMethod
  StepOutcome importCsv(ImportCsvRequest request);

  @ActivityMethod
  StepOutcome runSql(SqlRequest request);
}
