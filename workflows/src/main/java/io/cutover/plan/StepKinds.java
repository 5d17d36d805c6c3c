package io.cutover.plan;

import static io.cutover.plan.StepKind.Capability.CHANGES_STATE;
import static io.cutover.plan.StepKind.Capability.CHECKPOINT;
import static io.cutover.plan.StepKind.Capability.ROLLBACK;

import io.cutover.plan.StepKind.Capability;
import io.cutover.plan.StepKind.DryRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry of step types, in the order the README's step table lists them. Jackson reads and
 * writes a step's {@code type} through it ({@link StepTypeResolver}); {@code plan check}, the dry
 * run, the README's table and the registries of runners, checks and previews key on it.
 */
public final class StepKinds {
  public static final StepKind<BackupStep> BACKUP =
      StepKind.of("backup", BackupStep.class, DryRun.ON_SCRATCH);
  public static final StepKind<TruncateStep> TRUNCATE =
      StepKind.of("truncate", TruncateStep.class, DryRun.ON_SCRATCH, CHANGES_STATE);
  public static final StepKind<ImportCsvStep> IMPORT_CSV =
      StepKind.of("import-csv", ImportCsvStep.class, DryRun.ON_SCRATCH, CHANGES_STATE);
  public static final StepKind<SqlStep> SQL =
      StepKind.of("sql", SqlStep.class, DryRun.ON_SCRATCH, CHANGES_STATE);
  public static final StepKind<ValidateStep> VALIDATE =
      StepKind.of("validate", ValidateStep.class, DryRun.ON_SCRATCH, ROLLBACK, CHECKPOINT);
  public static final StepKind<CommandStep> COMMAND =
      StepKind.of(
          "command", CommandStep.class, DryRun.PREVIEW, CHANGES_STATE, ROLLBACK, CHECKPOINT);
  public static final StepKind<RestartStep> RESTART =
      StepKind.of("restart", RestartStep.class, DryRun.PREVIEW, ROLLBACK);
  public static final StepKind<HealthStep> HEALTH =
      StepKind.of("health", HealthStep.class, DryRun.PREVIEW, ROLLBACK, CHECKPOINT);
  public static final StepKind<GateStep> GATE =
      StepKind.of("gate", GateStep.class, DryRun.PREVIEW, CHECKPOINT);
  public static final StepKind<WaitStep> WAIT =
      StepKind.of("wait", WaitStep.class, DryRun.PREVIEW, ROLLBACK);
  public static final StepKind<MigrateStep> MIGRATE =
      StepKind.of("migrate", MigrateStep.class, DryRun.PREVIEW, CHANGES_STATE);
  public static final StepKind<CopyStep> COPY =
      StepKind.of("copy", CopyStep.class, DryRun.PREVIEW, CHANGES_STATE);
  public static final StepKind<ConfigStep> CONFIG =
      StepKind.of("config", ConfigStep.class, DryRun.PREVIEW, CHANGES_STATE);
  public static final StepKind<MaintenanceStep> MAINTENANCE =
      StepKind.of("maintenance", MaintenanceStep.class, DryRun.PREVIEW, CHANGES_STATE);
  public static final StepKind<MonitorStep> MONITOR =
      StepKind.of("monitor", MonitorStep.class, DryRun.PREVIEW);
  public static final StepKind<HoldStep> HOLD = StepKind.of("hold", HoldStep.class, DryRun.PREVIEW);
  public static final StepKind<BaselineStep> BASELINE =
      StepKind.of("baseline", BaselineStep.class, DryRun.PREVIEW);
  public static final StepKind<NotifyStep> NOTIFY =
      StepKind.of("notify", NotifyStep.class, DryRun.PREVIEW, ROLLBACK, CHECKPOINT);
  public static final StepKind<HttpStep> HTTP =
      StepKind.of("http", HttpStep.class, DryRun.RUNS, CHANGES_STATE);
  public static final StepKind<ColumnMappingStep> COLUMN_MAPPING =
      StepKind.of("column-mapping", ColumnMappingStep.class, DryRun.RUNS);

  private static final List<StepKind<?>> ALL =
      List.of(
          BACKUP,
          TRUNCATE,
          IMPORT_CSV,
          SQL,
          VALIDATE,
          COMMAND,
          RESTART,
          HEALTH,
          GATE,
          WAIT,
          MIGRATE,
          COPY,
          CONFIG,
          MAINTENANCE,
          MONITOR,
          HOLD,
          BASELINE,
          NOTIFY,
          HTTP,
          COLUMN_MAPPING);

  private static final List<String> NAMES = ALL.stream().map(StepKind::name).toList();

  private static final Map<Class<?>, StepKind<?>> BY_CLASS = new LinkedHashMap<>();
  private static final Map<String, StepKind<?>> BY_NAME = new LinkedHashMap<>();

  static {
    for (StepKind<?> k : ALL) {
      if (BY_CLASS.put(k.type(), k) != null || BY_NAME.put(k.name(), k) != null) {
        throw new IllegalStateException("step kind registered twice: " + k);
      }
    }
    for (Class<?> permitted : Step.class.getPermittedSubclasses()) {
      if (!BY_CLASS.containsKey(permitted)) {
        throw new IllegalStateException(permitted.getName() + " is a Step without a StepKind");
      }
    }
  }

  private StepKinds() {}

  /** Every kind, in the README's order. */
  public static List<StepKind<?>> kinds() {
    return ALL;
  }

  /** The kind of a step record class. */
  @SuppressWarnings("unchecked")
  public static <S extends Step> StepKind<S> of(Class<S> stepClass) {
    StepKind<S> kind = (StepKind<S>) BY_CLASS.get(stepClass);
    if (kind == null) {
      throw new IllegalStateException(stepClass.getName() + " has no StepKind");
    }
    return kind;
  }

  /** The kind a plan names, or null. */
  public static StepKind<?> named(String name) {
    return BY_NAME.get(name);
  }

  public static String nameOf(Class<?> stepClass) {
    StepKind<?> kind = BY_CLASS.get(stepClass);
    if (kind == null) {
      throw new IllegalStateException(stepClass.getName() + " has no StepKind");
    }
    return kind.name();
  }

  /**
   * Fails (at the registry's class initialisation) when a kind has no entry in a per-kind registry:
   * "step kind 'x' has no PART in REGISTRY".
   */
  public static void requireEvery(Map<StepKind<?>, ?> registry, String part, String name) {
    for (StepKind<?> k : ALL) {
      if (!registry.containsKey(k)) {
        throw new IllegalStateException("step kind '" + k + "' has no " + part + " in " + name);
      }
    }
  }

  /** Every type name a plan may use. */
  public static List<String> all() {
    return NAMES;
  }

  /** The names of the kinds with this capability, for messages ("allowed: ..."). */
  public static String namesWith(Capability c) {
    return ALL.stream().filter(k -> k.can(c)).map(StepKind::name).collect(Collectors.joining(", "));
  }
}
