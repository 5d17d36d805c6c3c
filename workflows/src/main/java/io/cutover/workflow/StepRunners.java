package io.cutover.workflow;

import static io.cutover.plan.StepKinds.BACKUP;
import static io.cutover.plan.StepKinds.BASELINE;
import static io.cutover.plan.StepKinds.COLUMN_MAPPING;
import static io.cutover.plan.StepKinds.COMMAND;
import static io.cutover.plan.StepKinds.CONFIG;
import static io.cutover.plan.StepKinds.COPY;
import static io.cutover.plan.StepKinds.GATE;
import static io.cutover.plan.StepKinds.HEALTH;
import static io.cutover.plan.StepKinds.HOLD;
import static io.cutover.plan.StepKinds.HTTP;
import static io.cutover.plan.StepKinds.IMPORT_CSV;
import static io.cutover.plan.StepKinds.MAINTENANCE;
import static io.cutover.plan.StepKinds.MIGRATE;
import static io.cutover.plan.StepKinds.MONITOR;
import static io.cutover.plan.StepKinds.NOTIFY;
import static io.cutover.plan.StepKinds.RESTART;
import static io.cutover.plan.StepKinds.SQL;
import static io.cutover.plan.StepKinds.TRUNCATE;
import static io.cutover.plan.StepKinds.VALIDATE;
import static io.cutover.plan.StepKinds.WAIT;

import io.cutover.plan.Step;
import io.cutover.plan.StepKind;
import io.cutover.plan.StepKinds;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The runner of every {@link StepKind}. Class initialisation fails when a kind has none, so a step
 * type registered without a runner fails every workflow test at once rather than a plan at run
 * time.
 */
final class StepRunners {
  private static final Map<StepKind<?>, StepRunner<?>> RUNNERS = new IdentityHashMap<>();

  static {
    put(BACKUP, new BackupRunner());
    put(TRUNCATE, new TruncateRunner());
    put(IMPORT_CSV, new ImportCsvRunner());
    put(SQL, new SqlRunner());
    put(VALIDATE, new ValidateRunner());
    put(COMMAND, new CommandRunner());
    put(RESTART, new RestartRunner());
    put(HEALTH, new HealthRunner());
    put(GATE, new GateRunner());
    put(WAIT, new WaitRunner());
    put(MIGRATE, new MigrateRunner());
    put(COPY, new CopyRunner());
    put(CONFIG, new ConfigRunner());
    put(MAINTENANCE, new MaintenanceRunner());
    put(MONITOR, new MonitorRunner());
    put(HOLD, new HoldRunner());
    put(BASELINE, new BaselineRunner());
    put(NOTIFY, new NotifyRunner());
    put(HTTP, new HttpRunner());
    put(COLUMN_MAPPING, new ColumnMappingRunner());
    StepKinds.requireEvery(RUNNERS, "runner", "StepRunners");
  }

  private StepRunners() {}

  // The type parameter ties each runner to its kind's record: a runner of another type does not
  // compile here.
  private static <S extends Step> void put(StepKind<S> kind, StepRunner<S> runner) {
    RUNNERS.put(kind, runner);
  }

  /** True when this kind has a runner (every kind has; the registry test asks). */
  static boolean covers(StepKind<?> kind) {
    return RUNNERS.containsKey(kind);
  }

  /** The runner of this step's kind. */
  @SuppressWarnings("unchecked")
  static StepRunner<Step> of(Step step) {
    return (StepRunner<Step>) RUNNERS.get(step.kind());
  }
}
