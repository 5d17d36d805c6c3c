package io.cutover.activities.pg;

import io.cutover.activities.db.Queries;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.db.TableDigest;
import io.cutover.api.Evidence;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PostgreSQL database holds, as comparable lines: its schemas, its objects (tables, views,
 * sequences, functions, types), each table's columns, each table's rows (count and ordered content
 * checksum, {@link TableDigest}) and each sequence's value. Two databases with the same lines hold
 * the same schema and data.
 */
final class PgContent {
  private static final String USER_SCHEMA =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
          + " AND n.nspname NOT LIKE 'pg\\_temp%'";
  private static final String NOT_EXTENSION =
      " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND d.deptype = 'e')";

  private PgContent() {}

  /** The lines of one database, keyed by what they describe. */
  static Map<String, String> read(Connection c) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(
        "schemas",
        String.join(", ", list(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA)));
    out.put(
        "objects",
        String.join(
            ", ",
            list(
                c,
                "SELECT o.relkind::text || ' ' || n.nspname || '.' || o.relname FROM pg_class o"
                    + " JOIN pg_namespace n ON n.oid = o.relnamespace WHERE o.relkind IN"
                    + " ('r','p','v','m','S','f') AND "
                    + USER_SCHEMA
                    + NOT_EXTENSION
                    + " UNION ALL SELECT 'function ' || n.nspname || '.' || o.proname || '('"
                    + " || pg_get_function_identity_arguments(o.oid) || ')' FROM pg_proc o JOIN"
                    + " pg_namespace n ON n.oid = o.pronamespace WHERE "
                    + USER_SCHEMA
                    + NOT_EXTENSION
                    + " UNION ALL SELECT 'type ' || n.nspname || '.' || o.typname FROM pg_type o"
                    + " JOIN pg_namespace n ON n.oid = o.typnamespace WHERE o.typtype IN"
                    + " ('e','d','r','m') AND "
                    + USER_SCHEMA
                    + NOT_EXTENSION)));
    for (String table :
        list(
            c,
            "SELECT n.nspname || '.' || o.relname FROM pg_class o JOIN pg_namespace n ON n.oid ="
                + " o.relnamespace WHERE o.relkind IN ('r','p') AND "
                + USER_SCHEMA
                + NOT_EXTENSION)) {
      out.put(
          "columns of " + table,
          String.join(
              ", ",
              Queries.column(
                  c,
                  "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN"
                      + " a.attnotnull THEN ' not null' ELSE '' END FROM pg_attribute a WHERE"
                      + " a.attrelid = '"
                      + regclass(table)
                      + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")));
      out.put(
          "rows of " + table,
          SqlNames.isValid(table)
              ? TableDigest.digest(c, table)
              : "not compared: the name is not a plain identifier");
    }
    for (String seq :
        list(
            c,
            "SELECT schemaname || '.' || sequencename || ' = ' || COALESCE(last_value::text,"
                + " 'unused') FROM pg_sequences")) {
      out.put(
          "sequence " + seq.substring(0, seq.indexOf(" = ")),
          seq.substring(seq.indexOf(" = ") + 3));
    }
    return out;
  }

  /**
   * One evidence line per line of either side: the reference (the dump, restored into a scratch
   * database) against the database.
   */
  static List<Evidence> compare(Map<String, String> reference, Map<String, String> actual) {
    Set<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(actual.keySet());
    List<Evidence> out = new ArrayList<>();
    for (String k : keys) {
      String want = reference.getOrDefault(k, "absent");
      String got = actual.getOrDefault(k, "absent");
      out.add(Evidence.check(k, want, got, want.equals(got)));
    }
    return out;
  }

  private static String regclass(String table) {
    int dot = table.indexOf('.');
    return (ident(table.substring(0, dot)) + "." + ident(table.substring(dot + 1)))
        .replace("'", "''");
  }

  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static List<String> list(Connection c, String sql) throws SQLException {
    List<String> out = Queries.column(c, sql);
    out.sort(null);
    return out;
  }
}
