package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL database.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/app}
 * @param user user name (may be a reference)
 * @param password a reference only ({@code ${env:NAME}} or {@code ${file:PATH}}), resolved on the
 *     worker; a literal password is refused by plan check
 * @param properties extra JDBC properties, e.g. {@code sslmode}
 * @param startedBy the plan's own service that runs this server (a stand-in its first step starts):
 *     preflight checks that service's program instead of connecting, since the server cannot answer
 *     before the run
 * @param binDir the folder of the PostgreSQL client programs ({@code pg_dump}, {@code pg_restore},
 *     {@code psql}) the backup step and its restore use, on the worker (relative to the plan's
 *     folder); without it the worker's {@code CUTOVER_PG_BIN}, then the PATH, then Debian's {@code
 *     /usr/lib/postgresql/<major>/bin} folders are searched for one of the server's major version
 *     or newer
 */
public record PostgresDatabase(
    @JsonProperty(required = true) String url,
    String user,
    String password,
    Map<String, String> properties,
    @JsonProperty("protected") List<String> protectedTables,
    String startedBy,
    String binDir)
    implements Database {
  public PostgresDatabase {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    protectedTables = protectedTables == null ? List.of() : List.copyOf(protectedTables);
  }

  public PostgresDatabase(
      String url,
      String user,
      String password,
      Map<String, String> properties,
      List<String> protectedTables,
      String startedBy) {
    this(url, user, password, properties, protectedTables, startedBy, null);
  }

  /** A server that runs on its own (not started by the plan). */
  public PostgresDatabase(
      String url,
      String user,
      String password,
      Map<String, String> properties,
      List<String> protectedTables) {
    this(url, user, password, properties, protectedTables, null, null);
  }
}
