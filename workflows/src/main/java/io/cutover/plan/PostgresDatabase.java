package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL database.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/app}
 * @param user user name (may be a reference)
 * @param password a reference only ({@code ${env:NAME}} or {@code ${file:PATH}}), resolved on
 *     the worker; a literal password is refused by plan check
 * @param properties extra JDBC properties, e.g. {@code sslmode}
 */
public record PostgresDatabase(
    @JsonProperty(required = true) String url,
    String user,
    String password,
    Map<String, String> properties,
    @JsonProperty("protected") List<String> protectedTables)
    implements Database {
  public PostgresDatabase {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    protectedTables = protectedTables == null ? List.of() : List.copyOf(protectedTables);
  }
}
