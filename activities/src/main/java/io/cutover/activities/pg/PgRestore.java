package io.cutover.activities.pg;

import io.cutover.activities.db.Queries;
import io.cutover.api.Evidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a PostgreSQL database back to the content of a dump, in place, and proves it.
 *
 * <p>Why not {@code pg_restore --clean --if-exists}: it drops only the objects the dump names, so a
 * table, view, function or schema a later step created would survive the rollback, and a view built
 * on a dumped table would even make the drop of that table fail. Why not restore into a fresh
 * database and rename it over the old one: the database's own settings, grants and owner (which the
 * plan's user may not be able to recreate) would change with it, and a rename needs every other
 * session gone. So: in ONE transaction (psql {@code --single-transaction}), drop every user object
 * of the database — each schema other than {@code public} whole (the dump recreates the ones it
 * had; one created since the backup stays dropped), and every table, view, sequence, function and
 * type in {@code public} — then run the dump's own SQL ({@code pg_restore -f -}) with its owners
 * and grants. Either all of it happens or none does. Afterwards the database is read and compared
 * with the same dump restored into a scratch database: schemas, objects, each table's columns, row
 * count and ordered content checksum, each sequence's value. Running it twice gives the same
 * result. Objects owned by extensions are left to their extension.
 */
final class PgRestore {
  private PgRestore() {}

  /** Restores {@code dump} into the client's database; returns the parity evidence. */
  static List<Evidence> restore(PgClient client, PgTools.Tools tools, Path dump)
      throws IOException, SQLException {
    List<Evidence> out = new ArrayList<>();
    try (PgScratch scratch = PgScratch.create(client)) {
      scratch.restore(tools, dump);
      Map<String, String> reference;
      try (Connection c = scratch.connect()) {
        reference = PgContent.read(c);
      }
      Set<String> dumpSchemas = new TreeSet<>(List.of(reference.get("schemas").split(", ")));
      String drops;
      try (Connection c = client.connect()) {
        drops = dropScript(c, dumpSchemas);
      }
      Path script = Files.createTempFile("cutover-restore", ".sql");
      try {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(script, drops, StandardCharsets.UTF_8);
        PgProcess.restoreScript(
            List.of(tools.pgRestore().toString(), "--file=-", dump.toString()),
            psql(tools, List.of("--file=" + script)),
            client.env(client.database()),
            tools.serverMajor(),
            "restore of " + dump.getFileName() + " into " + client.database());
      } finally {
        Files.deleteIfExists(script);
      }
      Map<String, String> actual;
      try (Connection c = client.connect()) {
        actual = PgContent.read(c);
      }
      out.add(
          Evidence.info(
              "compared with",
              "the backup restored into scratch database "
                  + scratch.name()
                  + " (dropped afterwards): schemas, objects, columns, row counts and ordered"
                  + " content checksums of every table, sequence values"));
      out.addAll(PgContent.compare(reference, actual));
    }
    return out;
  }

  /**
   * psql running its input in one transaction, stopping at the first error: {@code first} files,
   * then standard input.
   */
  static List<String> psql(PgTools.Tools tools, List<String> first) {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(tools.psql().toString());
    argv.addAll(
        List.of(
            "--no-psqlrc",
            "--quiet",
            "--no-password",
            "--set=ON_ERROR_STOP=1",
            "--single-transaction"));
    argv.addAll(first);
    argv.add("--file=-");
    return argv;
  }

  /**
   * The statements that empty the database of user objects, so that the dump's SQL, which creates
   * objects without dropping them first, gives back exactly the dumped state.
   */
  static String dropScript(Connection c, Set<String> dumpSchemas) throws SQLException {
    StringBuilder sb = new StringBuilder();
    sb.append("SET lock_timeout = '60s';\n");
    for (String schema :
        Queries.column(
            c,
            "SELECT n.nspname FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog',"
                + " 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_toast%' AND"
                + " n.nspname NOT LIKE 'pg\\_temp%' AND NOT EXISTS (SELECT 1 FROM pg_depend d"
                + " WHERE d.objid = n.oid AND d.deptype = 'e')")) {
      sb.append("DROP SCHEMA IF EXISTS ")
          .append(PgContent.ident(schema))
          .append(" CASCADE; -- ")
          .append(
              dumpSchemas.contains(schema) ? "recreated by the dump" : "created after the backup")
          .append('\n');
    }
    String notExtension =
        " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e')";
    for (String stmt :
        Queries.column(
            c,
            "SELECT CASE o.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS ' WHEN 'm' THEN"
                + " 'DROP MATERIALIZED VIEW IF EXISTS ' WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS '"
                + " WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS ' ELSE 'DROP TABLE IF EXISTS ' END"
                + " || 'public.' || quote_ident(o.relname) || ' CASCADE;' FROM pg_class o JOIN"
                + " pg_namespace n ON n.oid = o.relnamespace WHERE n.nspname = 'public' AND"
                + " o.relkind IN ('r','p','v','m','S','f')"
                + notExtension
                + " AND NOT (o.relkind IN ('r','p') AND o.relispartition)"
                + " UNION ALL SELECT CASE o.prokind WHEN 'a' THEN 'DROP AGGREGATE IF EXISTS '"
                + " ELSE 'DROP ROUTINE IF EXISTS ' END || 'public.' || quote_ident(o.proname) ||"
                + " '(' || pg_get_function_identity_arguments(o.oid) || ') CASCADE;' FROM pg_proc o"
                + " JOIN pg_namespace n ON n.oid = o.pronamespace WHERE n.nspname = 'public'"
                + notExtension
                + " UNION ALL SELECT CASE o.typtype WHEN 'd' THEN 'DROP DOMAIN IF EXISTS ' ELSE"
                + " 'DROP TYPE IF EXISTS ' END || 'public.' || quote_ident(o.typname) || '"
                + " CASCADE;' FROM pg_type o JOIN pg_namespace n ON n.oid = o.typnamespace WHERE"
                + " n.nspname = 'public' AND (o.typtype IN ('e','d','r') OR (o.typtype = 'c' AND"
                + " EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = o.typrelid AND r.relkind ="
                + " 'c')))"
                + notExtension)) {
      sb.append(stmt).append('\n');
    }
    return sb.toString();
  }
}
