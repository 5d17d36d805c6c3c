package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A named database in {@code resources.databases}, selected by {@code type}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SqliteDatabase.class, name = "sqlite"),
  @JsonSubTypes.Type(value = PostgresDatabase.class, name = "postgres"),
})
public interface Database {
  /** Tables no step may truncate or change; validated unchanged by {@code protected-unchanged}. */
  List<String> protectedTables();
}
