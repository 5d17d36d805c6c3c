package io.cutover.activities.pg;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A scratch database on the same server, with a name no one else uses, that a dump is restored into
 * to prove it loads and to read what it holds. It is dropped when closed, whatever happened.
 */
final class PgScratch implements AutoCloseable {
  static final String PREFIX = "cutover_scratch_";

  private final PgClient client;
  private final String name;

  private PgScratch(PgClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates an empty scratch database (from template0, so it holds nothing but the dump). */
  static PgScratch create(PgClient client) throws SQLException {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    String name = PREFIX + HexFormat.of().formatHex(b);
    try (Connection c = client.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        throw new SQLException(
            "cannot create the scratch database that proves the dump restores ("
                + e.getMessage()
                + "): give the plan's user CREATEDB (ALTER ROLE <user> CREATEDB)",
            e.getSQLState(),
            e);
      }
      throw e;
    }
    return new PgScratch(client, name);
  }

  String name() {
    return name;
  }

  /** Restores a dump into this database: no owners or grants, stopping at the first error. */
  void restore(PgTools.Tools tools, Path dump) throws IOException {
    PgProcess.restoreScript(
        List.of(
            tools.pgRestore().toString(), "--no-owner", "--no-acl", "--file=-", dump.toString()),
        PgRestore.psql(tools, List.of()),
        client.env(name),
        tools.serverMajor(),
        "restore of " + dump.getFileName() + " into scratch database " + name);
  }

  Connection connect() throws SQLException {
    return client.connect(name);
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = client.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
