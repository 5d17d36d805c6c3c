package io.cutover.activities.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small read helpers over a JDBC connection, shared by the checks, parity and restore code. */
public final class Queries {
  private Queries() {}

  /** The first column of every row {@code sql} returns, as text, in the order it returns them. */
  public static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
