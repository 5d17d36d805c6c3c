package io.cutover.activities.pg;

import io.cutover.activities.db.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The tables of a SQLite database as a copy needs them: columns, keys, indexes, foreign keys. */
public final class SqliteSchema {
  record Column(
      String name, String declaredType, boolean notNull, String defaultValue, int pkPosition) {}

  record ForeignKey(
      String table, List<String> columns, String parent, List<String> parentColumns) {}

  record Index(String name, boolean unique, List<String> columns) {}

  /**
   * @param rowidAlias the INTEGER PRIMARY KEY column that is SQLite's rowid, or null
   * @param withoutRowid a WITHOUT ROWID table, read in primary key order
   */
  record Table(
      String name,
      List<Column> columns,
      List<String> primaryKey,
      String rowidAlias,
      boolean withoutRowid,
      List<ForeignKey> foreignKeys,
      List<Index> indexes) {
    Column column(String n) {
      return columns.stream().filter(c -> c.name().equalsIgnoreCase(n)).findFirst().orElse(null);
    }
  }

  private SqliteSchema() {}

  /** Every user table (not sqlite_* nor Cutover's own bookkeeping tables), by name. */
  static Map<String, Table> read(Connection c) throws SQLException {
    Map<String, Table> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> t : userTableSql(c).entrySet()) {
      out.put(t.getKey(), table(c, t.getKey(), t.getValue()));
    }
    return out;
  }

  /** The names of the tables a {@code copy} of all tables takes, in name order. */
  public static List<String> userTables(Connection c) throws SQLException {
    return new ArrayList<>(userTableSql(c).keySet());
  }

  private static Map<String, String> userTableSql(Connection c) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE"
                    + " 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'cutover\\_%' ESCAPE '\\' ORDER"
                    + " BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  private static Table table(Connection c, String name, String sql) throws SQLException {
    String quoted = SqlNames.quote(name);
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("PRAGMA table_info(" + quoted + ")");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        columns.add(
            new Column(
                rs.getString("name"),
                rs.getString("type") == null ? "" : rs.getString("type"),
                rs.getInt("notnull") == 1,
                rs.getString("dflt_value"),
                rs.getInt("pk")));
      }
    }
    List<String> pk =
        columns.stream()
            .filter(col -> col.pkPosition() > 0)
            .sorted((a, b) -> Integer.compare(a.pkPosition(), b.pkPosition()))
            .map(Column::name)
            .toList();
    boolean withoutRowid =
        sql != null
            && sql.toUpperCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .matches(".*\\)\\s*WITHOUT ROWID\\s*;?\\s*$");
    String alias = null;
    if (!withoutRowid && pk.size() == 1) {
      Column only =
          columns.stream().filter(col -> col.name().equals(pk.get(0))).findFirst().orElseThrow();
      if (only.declaredType().equalsIgnoreCase("INTEGER")) {
        alias = only.name();
      }
    }
    Map<Integer, ForeignKey> fks = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("PRAGMA foreign_key_list(" + quoted + ")");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int id = rs.getInt("id");
        String parent = rs.getString("table");
        ForeignKey fk =
            fks.computeIfAbsent(
                id, k -> new ForeignKey(name, new ArrayList<>(), parent, new ArrayList<>()));
        fk.columns().add(rs.getString("from"));
        fk.parentColumns().add(rs.getString("to"));
      }
    }
    List<Index> indexes = new ArrayList<>();
    List<String[]> idx = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("PRAGMA index_list(" + quoted + ")");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        idx.add(
            new String[] {rs.getString("name"), rs.getString("unique"), rs.getString("origin")});
      }
    }
    for (String[] i : idx) {
      if ("pk".equals(i[2])) {
        continue;
      }
      List<String> cols = new ArrayList<>();
      boolean expression = false;
      try (PreparedStatement ps =
          c.prepareStatement("PRAGMA index_info(" + SqlNames.quote(i[0]) + ")")) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String col = rs.getString("name");
            if (col == null) {
              expression = true;
            } else {
              cols.add(col);
            }
          }
        }
      }
      if (!expression && !cols.isEmpty()) {
        indexes.add(new Index(i[0], "1".equals(i[1]), cols));
      }
    }
    return new Table(
        name, columns, pk, alias, withoutRowid, new ArrayList<>(fks.values()), indexes);
  }
}
