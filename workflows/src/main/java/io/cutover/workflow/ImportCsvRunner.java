package io.cutover.workflow;

import io.cutover.activities.DataActivities;
import io.cutover.activities.ImportCsvRequest;
import io.cutover.api.StepOutcome;
import io.cutover.plan.ImportCsvStep;
import java.time.Duration;

final class ImportCsvRunner implements StepRunner<ImportCsvStep> {
  @Override
  public StepOutcome run(ImportCsvStep step, StepEnv env) {
    Restores.registerRestore(step, env);
    DataActivities data = env.stub(DataActivities.class, step, Duration.ofHours(1));
    return data.importCsv(new ImportCsvRequest(env.context(step), env.db(step.database()), step));
  }
}
