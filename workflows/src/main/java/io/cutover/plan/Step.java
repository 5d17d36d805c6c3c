package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * One step of a plan. The {@code type} property selects the record (the names are {@link
 * StepKinds}'s); every step has an {@code id} unique in its plan, and may name the {@code host}
 * whose worker must run it, a {@code timeout} and a {@code retry} policy for its activities, and
 * what happens when it fails: {@code onFailure}, {@code required} and {@code decideWithin} (see
 * {@link OnFailure}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(StepTypeResolver.class)
public sealed interface Step
    permits BackupStep,
        TruncateStep,
        ImportCsvStep,
        SqlStep,
        ValidateStep,
        CommandStep,
        RestartStep,
        HealthStep,
        GateStep,
        WaitStep,
        MigrateStep,
        CopyStep,
        ConfigStep,
        MaintenanceStep,
        MonitorStep,
        HoldStep,
        BaselineStep,
        NotifyStep,
        HttpStep,
        ColumnMappingStep {
  String id();

  /** Free text shown in the status view and the execution log. */
  String description();

  /** Host whose worker runs this step (task queue {@code cutover-<host>}); null for any worker. */
  String host();

  Span timeout();

  RetrySpec retry();

  /**
   * What a failure of this step does: {@code rollback}, or {@code decide} (people choose retry,
   * skip or rollback). Null: the plan's {@code onFailure}, else rollback.
   */
  OnFailure onFailure();

  /**
   * True when the step may never be skipped after a failure, only retried or rolled back; null
   * means false.
   */
  Boolean required();

  /**
   * How long people have to decide after this step failed with {@code onFailure: decide}; no
   * decision by then means rollback. Null: one hour.
   */
  Span decideWithin();

  // Not bean getters (no get/is prefix), so Jackson neither writes nor expects them; annotating
  // them would be inherited by the records' own accessors of the same name.

  /** The plan's name for this step's type, e.g. {@code import-csv}. */
  default String type() {
    return StepKinds.nameOf(getClass());
  }

  /** This step's kind: what the engine knows about its type. */
  default StepKind<?> kind() {
    return StepKinds.of(getClass());
  }

  /** The database this step reads or changes, or null when it touches none. */
  default String database() {
    return null;
  }

  /** True when the step changes data or state that a rollback must put back. */
  default boolean destructive() {
    return false;
  }

  /** Short title for status lines: the description when given, else the id. */
  default String title() {
    return description() == null || description().isBlank() ? id() : description();
  }
}
