package io.cutover.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Random;

/** A SQLite database with a four-level foreign-key chain and every type the copy maps. */
final class CopyFixture {
  static final int CUSTOMERS = 40;
  static final int ORDERS = 300;
  static final int LINES = 900;

  private CopyFixture() {}

  static void create(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      // Created child-first on purpose: the copy must find the order from the foreign keys.
      st.execute(
          "CREATE TABLE order_lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES"
              + " orders(id), sku TEXT NOT NULL, qty INTEGER, price REAL, gift BOOLEAN NOT NULL"
              + " DEFAULT 0)");
      st.execute(
          "CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL"
              + " REFERENCES customers(id), amount REAL, note TEXT, placed_on DATE, shipped_at"
              + " DATETIME, paid BOOLEAN, receipt BLOB, total NUMERIC)");
      st.execute(
          "CREATE TABLE customers (id INTEGER PRIMARY KEY, region_code TEXT REFERENCES"
              + " regions(code), name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, rating DOUBLE,"
              + " avatar BLOB, since DATETIME)");
      st.execute("CREATE TABLE regions (code TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID");
      st.execute("CREATE INDEX orders_by_customer ON orders (customer_id, placed_on)");
      Random r = new Random(42);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO regions VALUES (?, ?)")) {
        for (String[] reg :
            new String[][] {{"eu", "Europe"}, {"us", "United States"}, {"jp", "日本"}}) {
          ps.setString(1, reg[0]);
          ps.setString(2, reg[1]);
          ps.executeUpdate();
        }
      }
      String[] names = {
        "Zoë Ångström",
        "李小龙",
        "tab\there",
        "new\nline",
        "back\\slash",
        "emoji 🚀 rocket",
        "quote's \"double\"",
        "plain"
      };
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= CUSTOMERS; i++) {
          ps.setInt(1, i);
          ps.setString(2, i % 5 == 0 ? null : new String[] {"eu", "us", "jp"}[i % 3]);
          ps.setString(3, names[i % names.length] + " " + i);
          ps.setString(4, "customer-" + i);
          if (i % 7 == 0) {
            ps.setNull(5, Types.DOUBLE);
          } else {
            ps.setDouble(
                5, new double[] {0.1, 1.0 / 3, 1e308, 4.9e-324, -0.0, 123456.789, Math.PI}[i % 7]);
          }
          if (i == 1) {
            byte[] big = new byte[2 * 1024 * 1024];
            r.nextBytes(big);
            ps.setBytes(6, big);
          } else if (i % 3 == 0) {
            ps.setNull(6, Types.BLOB);
          } else {
            byte[] small = new byte[i];
            r.nextBytes(small);
            ps.setBytes(6, small);
          }
          // Customer 13's odd text has no exact binary form: the rest of its part goes as text
          // COPY.
          ps.setString(
              7,
              i == 13
                  ? " 2023-01-01 00:00:00"
                  : String.format("2023-%02d-%02dT08:00:%02d", 1 + i % 12, 1 + i % 28, i % 60));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= ORDERS; i++) {
          ps.setInt(1, i);
          ps.setInt(2, 1 + r.nextInt(CUSTOMERS));
          ps.setDouble(3, r.nextDouble() * 1000);
          ps.setString(4, i % 4 == 0 ? null : "note " + i + " ünïcödé");
          ps.setString(
              5, i % 6 == 0 ? null : String.format("2024-%02d-%02d", 1 + i % 12, 1 + i % 28));
          ps.setString(
              6,
              i % 5 == 0
                  ? null
                  : String.format(
                      "2024-%02d-%02d %02d:%02d:%02d.%03d",
                      1 + i % 12, 1 + i % 28, i % 24, i % 60, i % 60, i % 1000));
          if (i % 9 == 0) {
            ps.setNull(7, Types.INTEGER);
          } else {
            ps.setInt(7, i % 2);
          }
          ps.setBytes(8, i % 2 == 0 ? new byte[] {0, 1, 2, (byte) 255, (byte) i} : null);
          ps.setString(9, i % 3 == 0 ? null : (i * 7) + ".25");
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= LINES; i++) {
          ps.setInt(1, i);
          ps.setInt(2, 1 + r.nextInt(ORDERS));
          ps.setString(3, "SKU-" + (i % 50));
          ps.setInt(4, 1 + i % 5);
          ps.setDouble(5, Math.round(r.nextDouble() * 10000) / 100.0);
          ps.setInt(6, i % 10 == 0 ? 1 : 0);
          ps.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
