package io.cutover.activities.plan;

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
import java.util.List;
import java.util.Map;

/**
 * The {@code plan check} rules of every {@link StepKind}, beyond those every step gets (id, host,
 * timeout, retry, database name) and those of the checkers that read across steps ({@link
 * WatchChecks} for monitors and checkpoints, {@link HoldPlanChecks}, {@link ApiPlanChecks} for
 * {@code http} and {@code column-mapping}, {@link DataPathChecks} for files, {@link
 * RunControlChecks} for failure handling). Class initialisation fails when a kind has no entry: a
 * kind whose rules all live in those checkers says so with {@link #ACROSS_STEPS}.
 */
public final class StepChecks {
  /** One kind's rules, reported through the validator. */
  @FunctionalInterface
  interface Check<S extends Step> {
    void check(PlanValidator v, String pointer, S step);
  }

  /** The kind's rules all live in the checkers that read across steps. */
  private static final Check<Step> ACROSS_STEPS = (v, pointer, step) -> {};

  private static final Map<StepKind<?>, Check<?>> CHECKS = new IdentityHashMap<>();

  static {
    put(BACKUP, PlanValidator::backupStep);
    put(TRUNCATE, PlanValidator::truncateStep);
    put(IMPORT_CSV, PlanValidator::importCsvStep);
    put(SQL, PlanValidator::sqlStep);
    put(VALIDATE, PlanValidator::validateStep);
    put(COMMAND, PlanValidator::commandStep);
    put(RESTART, PlanValidator::restartStep);
    put(HEALTH, PlanValidator::healthStep);
    put(GATE, PlanValidator::gateStep);
    put(WAIT, PlanValidator::waitStep);
    for (StepKind<?> k :
        List.of(
            MIGRATE,
            COPY,
            CONFIG,
            MAINTENANCE,
            MONITOR,
            HOLD,
            BASELINE,
            NOTIFY,
            HTTP,
            COLUMN_MAPPING)) {
      CHECKS.put(k, ACROSS_STEPS);
    }
    StepKinds.requireEvery(CHECKS, "plan checks", "StepChecks");
  }

  private StepChecks() {}

  private static <S extends Step> void put(StepKind<S> kind, Check<S> check) {
    CHECKS.put(kind, check);
  }

  /** True when this kind has an entry (every kind has; the registry test asks). */
  public static boolean covers(StepKind<?> kind) {
    return CHECKS.containsKey(kind);
  }

  @SuppressWarnings("unchecked")
  static void check(PlanValidator v, String pointer, Step step) {
    ((Check<Step>) CHECKS.get(step.kind())).check(v, pointer, step);
  }
}
