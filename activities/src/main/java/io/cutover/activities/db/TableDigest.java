package io.cutover.activities.db;

import io.cutover.activities.support.SafeFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An ordered content checksum of a table in one database: SHA-256 over every row in key order, each
 * value with its kind and length so that no two different tables collide by concatenation.
 */
public final class TableDigest {
  private TableDigest() {}

  /** The digest and row count of a table, e.g. {@code 4f2a…(12 rows)}. */
  public static String digest(Connection c, String table) throws SQLException {
    MessageDigest md = SafeFiles.sha256();
    long rows = 0;
    String sql = "SELECT * FROM " + SqlNames.quote(table) + " ORDER BY " + orderBy(c, table);
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md2 = rs.getMetaData();
      int n = md2.getColumnCount();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          byte[] bytes;
          char kind;
          if (v == null) {
            kind = 'N';
            bytes = new byte[0];
          } else if (v instanceof byte[] b) {
            kind = 'B';
            bytes = b;
          } else if (v instanceof Number) {
            kind = 'D';
            bytes = v.toString().getBytes(StandardCharsets.UTF_8);
          } else {
            kind = 'S';
            bytes = v.toString().getBytes(StandardCharsets.UTF_8);
          }
          md.update((byte) kind);
          md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
          md.update((byte) ':');
          md.update(bytes);
        }
        md.update((byte) '\n');
      }
    }
    return HexFormat.of().formatHex(md.digest()) + " (" + rows + " rows)";
  }

  /** Primary-key columns, else SQLite's rowid, else every column. */
  static String orderBy(Connection c, String table) throws SQLException {
    List<String> keys = primaryKey(c, table);
    if (!keys.isEmpty()) {
      return String.join(", ", keys.stream().map(SqlNames::quote).toList());
    }
    if (isSqlite(c)) {
      return "rowid";
    }
    List<String> cols = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + SqlNames.quote(table) + " WHERE 1 = 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        cols.add(Integer.toString(i));
      }
    }
    return String.join(", ", cols);
  }

  static List<String> primaryKey(Connection c, String table) throws SQLException {
    String schema = null;
    String name = table;
    int dot = table.indexOf('.');
    if (dot > 0) {
      schema = table.substring(0, dot);
      name = table.substring(dot + 1);
    }
    DatabaseMetaData meta = c.getMetaData();
    List<String[]> keys = new ArrayList<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
      while (rs.next()) {
        keys.add(
            new String[] {rs.getString("COLUMN_NAME"), Integer.toString(rs.getInt("KEY_SEQ"))});
      }
    }
    keys.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
    return keys.stream().map(k -> k[0]).filter(SqlNames::isValid).toList();
  }

  public static boolean isSqlite(Connection c) throws SQLException {
    return c.getMetaData().getURL().startsWith("jdbc:sqlite:");
  }
}
