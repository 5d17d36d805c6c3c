package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a plan. The {@code type} property selects the record; every step has an {@code id}
 * unique in its plan, and may name the {@code host} whose worker must run it, a {@code timeout} and
 * a {@code retry} policy for its activities, and what happens when it fails: {@code onFailure},
 * {@code required} and {@code decideWithin} (see {@link OnFailure}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BackupStep.class, name = "backup"),
  @JsonSubTypes.Type(value = TruncateStep.class, name = "truncate"),
  @JsonSubTypes.Type(value = ImportCsvStep.class, name = "import-csv"),
  @JsonSubTypes.Type(value = SqlStep.class, name = "sql"),
  @JsonSubTypes.Type(value = ValidateStep.class, name = "validate"),
  @JsonSubTypes.Type(value = CommandStep.class, name = "command"),
  @JsonSubTypes.Type(value = RestartStep.class, name = "restart"),
  @JsonSubTypes.Type(value = HealthStep.class, name = "health"),
  @JsonSubTypes.Type(value = GateStep.class, name = "gate"),
  @JsonSubTypes.Type(value = WaitStep.class, name = "wait"),
  @JsonSubTypes.Type(value = MigrateStep.class, name = "migrate"),
  @JsonSubTypes.Type(value = CopyStep.class, name = "copy"),
  @JsonSubTypes.Type(value = ConfigStep.class, name = "config"),
  @JsonSubTypes.Type(value = MaintenanceStep.class, name = "maintenance"),
  @JsonSubTypes.Type(value = MonitorStep.class, name = "monitor"),
  @JsonSubTypes.Type(value = BaselineStep.class, name = "baseline"),
  @JsonSubTypes.Type(value = NotifyStep.class, name = "notify"),
  @JsonSubTypes.Type(value = HttpStep.class, name = "http"),
  @JsonSubTypes.Type(value = ColumnMappingStep.class, name = "column-mapping"),
  @JsonSubTypes.Type(value = HoldStep.class, name = "hold"),
})
public interface Step {
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
