package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A SQLite database file.
 *
 * @param path the file, relative to the plan's folder
 * @param protectedTables tables no step may change (plan key {@code protected})
 * @param createFrom SQL script that creates the file when it does not exist yet (for examples,
 *     staging and rehearsals); an existing file is never touched by it
 */
public record SqliteDatabase(
    @JsonProperty(required = true) String path,
    @JsonProperty("protected") List<String> protectedTables,
    String createFrom)
    implements Database {
  public SqliteDatabase {
    protectedTables = protectedTables == null ? List.of() : List.copyOf(protectedTables);
  }
}
