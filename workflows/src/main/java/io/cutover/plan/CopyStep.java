package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Copies tables from a SQLite database into a PostgreSQL database through the COPY protocol. Tables
 * go in foreign-key order; a table missing on the target is created from the SQLite schema (see the
 * type mapping in the README) and gets its primary key, indexes and foreign keys after its data (a
 * table's keys build while other tables still stream); a table that exists (created by {@code
 * migrate}) is filled as it is and must be empty. Identity and serial sequences end aligned to
 * {@code max(id)}. Progress is committed with the data in chunks, so a retried attempt resumes
 * where the last one stopped with no duplicate and no missing row.
 *
 * @param source the SQLite database to read
 * @param target the PostgreSQL database to fill (also this step's {@code database})
 * @param tables tables to copy (default: every table of the source)
 * @param parallel streams copying at once, and indexes built at once (default 2)
 * @param chunkRows rows per committed chunk (default 50000)
 * @param onRollback {@code undo} (default): drop the tables it created, empty the ones it filled;
 *     {@code keep}: leave them for investigation
 */
public record CopyStep(
    @JsonProperty(required = true) String id,
    String description,
    String host,
    Span timeout,
    RetrySpec retry,
    @JsonProperty(required = true) String source,
    @JsonProperty(required = true) String target,
    List<String> tables,
    Integer parallel,
    Integer chunkRows,
    OnRollback onRollback,
    OnFailure onFailure,
    Boolean required,
    Span decideWithin)
    implements Step {
  public CopyStep {
    tables = tables == null ? List.of() : List.copyOf(tables);
    parallel = parallel == null ? 2 : parallel;
    chunkRows = chunkRows == null ? 50_000 : chunkRows;
  }

  @Override
  public String database() {
    return target;
  }

  @Override
  public boolean destructive() {
    return true;
  }
}
