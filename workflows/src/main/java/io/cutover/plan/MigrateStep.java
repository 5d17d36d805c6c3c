package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Applies versioned SQL scripts ({@code V1__create_tables.sql}, {@code V2__...}) from {@code dir}
 * to a database in version order, each in its own transaction together with its row in the history
 * table (version, name, SHA-256 checksum, timing, run). A script already applied is skipped; one
 * that was edited since it was applied is refused. Undo scripts ({@code U2__...sql}) are the
 * compensation when present; otherwise the objects this run's scripts created are dropped.
 *
 * @param dir folder of the scripts, relative to the plan's folder
 * @param historyTable history table name (default {@code cutover_schema_history})
 * @param expect versions that must be in the history afterwards (default: every script in dir)
 * @param onRollback {@code undo} (default): undo scripts or drop what this run created; {@code
 *     keep}: leave the schema for investigation
 */
public record MigrateStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String database,
    @JsonProperty(required = true) String dir,
    String historyTable,
    List<Integer> expect,
    OnRollback onRollback,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public MigrateStep {
    historyTable = historyTable == null ? "cutover_schema_history" : historyTable;
    expect = expect == null ? List.of() : List.copyOf(expect);
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
