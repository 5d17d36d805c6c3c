package io.cutover.activities.pg;

import io.cutover.activities.DbRef;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.CheckRunner;
import io.cutover.activities.db.Connections;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.db.TableDigest;
import io.cutover.api.Evidence;
import io.cutover.plan.Check;
import io.cutover.plan.ForeignKeyCheck;
import io.cutover.plan.ParityCheck;
import io.cutover.plan.ParityChecksumCheck;
import io.cutover.plan.ParityCountCheck;
import io.cutover.plan.ParityLookupCheck;
import io.cutover.plan.ParityQueryCheck;
import io.cutover.plan.ParitySliceCheck;
import io.cutover.plan.SequenceCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks that compare two databases (parity), and the PostgreSQL-aware sequence and foreign-key
 * checks. Plugged into {@link CheckRunner} by the validate activity.
 */
public final class ParityChecks implements CheckRunner.Extension {
  private final StepContext ctx;
  private final Map<String, DbRef> peers;
  private final Map<String, Connection> open = new HashMap<>();

  public ParityChecks(StepContext ctx, Map<String, DbRef> peers) {
    this.ctx = ctx;
    this.peers = peers;
  }

  @Override
  public boolean run(Check check, Connection here, List<Evidence> evidence, List<String> artifacts)
      throws SQLException {
    if (check instanceof ParityCountCheck k) {
      counts(k, here, peer(k), evidence);
    } else if (check instanceof ParityChecksumCheck k) {
      checksums(k, here, peer(k), evidence, artifacts);
    } else if (check instanceof ParityLookupCheck k) {
      lookups(k, here, peer(k), evidence, artifacts);
    } else if (check instanceof ParitySliceCheck k) {
      String order = String.join(", ", k.orderBy().stream().map(ParityChecks::orderTerm).toList());
      String sql =
          "SELECT "
              + cols(k.columns())
              + " FROM "
              + SqlNames.quote(k.table())
              + " ORDER BY "
              + order
              + " LIMIT "
              + k.limit()
              + " OFFSET "
              + k.offset();
      compareQuery(
          label(k.name(), "slice of " + k.table() + " by " + String.join(", ", k.orderBy())),
          here,
          peer(k),
          sql,
          sql,
          evidence,
          artifacts);
    } else if (check instanceof ParityQueryCheck k) {
      compareQuery(
          label(k.name(), "query " + k.sql()),
          here,
          peer(k),
          k.sql(),
          k.againstSql() == null ? k.sql() : k.againstSql(),
          evidence,
          artifacts);
    } else if (check instanceof SequenceCheck k) {
      sequences(k, here, evidence);
    } else if (check instanceof ForeignKeyCheck k) {
      foreignKeys(k, here, evidence, artifacts);
    } else {
      return false;
    }
    return true;
  }

  /** Closes the connections opened to other databases. */
  public void close() {
    for (Connection c : open.values()) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  private Connection peer(ParityCheck k) throws SQLException {
    DbRef ref = peers.get(k.against());
    if (ref == null) {
      throw new SQLException("no database '" + k.against() + "' to compare with");
    }
    Connection c = open.get(k.against());
    if (c == null || c.isClosed()) {
      c = Connections.open(ref, ctx.baseDir());
      open.put(k.against(), c);
    }
    return c;
  }

  private void counts(
      ParityCountCheck k, Connection here, Connection there, List<Evidence> evidence)
      throws SQLException {
    for (String t : tables(k.tables(), there)) {
      long theirs = count(there, t);
      long ours = count(here, t);
      evidence.add(
          Evidence.check(
              label(k.name(), "row count parity") + ": " + t,
              theirs + " (in " + k.against() + ")",
              ours,
              ours == theirs));
    }
  }

  private void checksums(
      ParityChecksumCheck k,
      Connection here,
      Connection there,
      List<Evidence> evidence,
      List<String> artifacts)
      throws SQLException {
    String name = label(k.name(), "content checksum parity");
    try (EvidenceFile file =
        new EvidenceFile(
            ctx, name, "table\tkey\tproblem\tcolumn\t" + k.against() + "\tthis database")) {
      for (String t : tables(k.tables(), there)) {
        long before = file.count();
        String[] result = compareTable(t, here, there, file);
        long bad = file.count() - before;
        evidence.add(
            Evidence.check(
                name + ": " + t,
                result[1] + " (" + k.against() + ")",
                result[0]
                    + (bad == 0
                        ? ""
                        : " — "
                            + bad
                            + " mismatching key(s), first: "
                            + result[2]
                            + "; every one in "
                            + file.path()),
                bad == 0));
      }
      if (file.count() > 0) {
        artifacts.add(file.path().toString());
      }
    }
  }

  /** Merges both sides in key order; returns {here digest, there digest, first mismatches}. */
  private String[] compareTable(String table, Connection here, Connection there, EvidenceFile file)
      throws SQLException {
    Map<String, String> hereCols = columnTypes(here, table);
    Map<String, String> thereCols = columnTypes(there, table);
    List<String> keys = primaryKey(there, table);
    if (keys.isEmpty()) {
      keys = primaryKey(here, table);
    }
    List<String> columns = new ArrayList<>();
    for (String c : thereCols.keySet()) {
      if (find(hereCols, c) == null) {
        file.add("column " + c, table, "", "column missing here", c, "present", "absent");
      } else {
        columns.add(c);
      }
    }
    for (String c : hereCols.keySet()) {
      if (find(thereCols, c) == null) {
        file.add("column " + c, table, "", "extra column here", c, "absent", "present");
      }
    }
    List<String> ordered = new ArrayList<>();
    for (String k : keys) {
      ordered.add(find(thereCols, k));
    }
    if (ordered.isEmpty()) {
      ordered.addAll(columns);
    }
    for (String c : columns) {
      if (!ordered.contains(c)) {
        ordered.add(c);
      }
    }
    int keyCount = keys.isEmpty() ? ordered.size() : keys.size();
    boolean herePg = !TableDigest.isSqlite(here);
    boolean therePg = !TableDigest.isSqlite(there);
    ValueKind[] kinds = new ValueKind[ordered.size()];
    for (int i = 0; i < ordered.size(); i++) {
      String c = ordered.get(i);
      kinds[i] =
          herePg
              ? ValueKind.ofPostgres(hereCols.get(find(hereCols, c)))
              : therePg
                  ? ValueKind.ofPostgres(thereCols.get(c))
                  : ValueKind.ofSqlite(thereCols.get(c));
    }
    String[] hereTypes = herePg ? pgTypes(ordered, hereCols) : null;
    String[] thereTypes = therePg ? pgTypes(ordered, thereCols) : null;
    String hereSql = select(table, ordered, hereCols, keyCount, kinds, hereTypes);
    String thereSql = select(table, ordered, thereCols, keyCount, kinds, thereTypes);
    List<String> first = new ArrayList<>();
    try (RowStream a = new RowStream("here", here, hereSql, keyCount, kinds, hereTypes);
        RowStream b = new RowStream("there", there, thereSql, keyCount, kinds, thereTypes)) {
      RowStream.Row ra = a.next();
      RowStream.Row rb = b.next();
      while (ra != null || rb != null) {
        int cmp = ra == null ? 1 : rb == null ? -1 : RowStream.compare(ra.key(), rb.key());
        if (cmp == 0) {
          if (!Arrays.equals(ra.data(), rb.data())) {
            int col = differingColumn(ra, rb);
            String key = RowStream.show(ra.key());
            file.add(key, table, key, "changed", ordered.get(col), shown(rb, col), shown(ra, col));
            note(first, key + " changed");
          }
          ra = a.next();
          rb = b.next();
        } else if (cmp < 0) {
          String key = RowStream.show(ra.key());
          file.add(key, table, key, "extra row here", "", "", "present");
          note(first, key + " extra");
          ra = a.next();
        } else {
          String key = RowStream.show(rb.key());
          file.add(key, table, key, "missing here", "", "present", "");
          note(first, key + " missing");
          rb = b.next();
        }
      }
      return new String[] {
        a.checksum().substring(0, 16) + "… (" + a.rows() + " rows)",
        b.checksum().substring(0, 16) + "… (" + b.rows() + " rows)",
        String.join(", ", first)
      };
    }
  }

  private static void note(List<String> first, String s) {
    if (first.size() < 5) {
      first.add(s);
    }
  }

  private static int differingColumn(RowStream.Row a, RowStream.Row b) {
    for (int i = 0; i < a.starts().length; i++) {
      int ea = i + 1 < a.starts().length ? a.starts()[i + 1] : a.data().length;
      int eb = i + 1 < b.starts().length ? b.starts()[i + 1] : b.data().length;
      if (!Arrays.equals(a.data(), a.starts()[i], ea, b.data(), b.starts()[i], eb)) {
        return i;
      }
    }
    return 0;
  }

  /** The normalized value of a column as text (tag dropped; bytes as hex). */
  private static String shown(RowStream.Row r, int col) {
    int start = r.starts()[col];
    int end = col + 1 < r.starts().length ? r.starts()[col + 1] : r.data().length;
    char tag = (char) r.data()[start];
    byte[] v = Arrays.copyOfRange(r.data(), start + 5, end);
    if (tag == 'N') {
      return "NULL";
    }
    if (tag == 'X') {
      return Normalized.show(v);
    }
    if ((tag == 'I' || tag == 'F') && v.length == 8) {
      long bits = ByteBuffer.wrap(v).getLong();
      return tag == 'I' ? Long.toString(bits) : Double.toString(Double.longBitsToDouble(bits));
    }
    if (tag == 'B') {
      return v.length == 1 && v[0] == '1' ? "true" : "false";
    }
    String s = new String(v, StandardCharsets.UTF_8).replace("\t", "\\t").replace("\n", "\\n");
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /** PostgreSQL type of each column; "text" for those the query casts to text. */
  private static String[] pgTypes(List<String> ordered, Map<String, String> cols) {
    String[] out = new String[ordered.size()];
    for (int i = 0; i < out.length; i++) {
      String t = cols.get(find(cols, ordered.get(i)));
      out[i] = RowStream.binaryDecodable(t) ? RowStream.canonical(t) : "text";
    }
    return out;
  }

  /**
   * The ordered query; on PostgreSQL ({@code pgTypes} given) types without a binary decoding are
   * cast to text.
   */
  private static String select(
      String table,
      List<String> ordered,
      Map<String, String> cols,
      int keyCount,
      ValueKind[] kinds,
      String[] pgTypes) {
    boolean pg = pgTypes != null;
    List<String> sel = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      String name = find(cols, ordered.get(i));
      String q = SqlNames.quote(name);
      sel.add(pg && !RowStream.binaryDecodable(cols.get(name)) ? q + "::text" : q);
      if (i < keyCount) {
        // Text keys in byte order on PostgreSQL, which is how SQLite's BINARY collation sorts them.
        order.add(
            q
                + (pg && (kinds[i] == ValueKind.TEXT || kinds[i] == ValueKind.OTHER)
                    ? " COLLATE \"C\""
                    : ""));
      }
    }
    return "SELECT "
        + String.join(", ", sel)
        + " FROM "
        + SqlNames.quote(table)
        + " ORDER BY "
        + String.join(", ", order);
  }

  private void lookups(
      ParityLookupCheck k,
      Connection here,
      Connection there,
      List<Evidence> evidence,
      List<String> artifacts)
      throws SQLException {
    String name = label(k.name(), "lookups of " + k.table() + " by " + k.key());
    List<String> values = new ArrayList<>(k.values());
    if (values.isEmpty()) {
      try (Statement st = there.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT "
                      + SqlNames.quote(k.key())
                      + " FROM "
                      + SqlNames.quote(k.table())
                      + " ORDER BY "
                      + SqlNames.quote(k.key())
                      + " LIMIT "
                      + k.sample())) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    }
    String expr = SqlNames.quote(k.key());
    String param = "?";
    for (String n : k.normalize()) {
      String fn =
          switch (n.toLowerCase(Locale.ROOT)) {
            case "trim" -> "trim";
            case "lower" -> "lower";
            case "upper" -> "upper";
            default ->
                throw new SQLException(
                    "unknown normalization '" + n + "' (use trim, lower or upper)");
          };
      expr = fn + "(" + expr + ")";
      param = fn + "(" + param + ")";
    }
    String sql =
        "SELECT "
            + cols(k.columns())
            + " FROM "
            + SqlNames.quote(k.table())
            + " WHERE "
            + expr
            + " = "
            + param;
    int found = 0;
    try (EvidenceFile file =
        new EvidenceFile(ctx, name, "value\tproblem\t" + k.against() + "\tthis database")) {
      for (String v : values) {
        Rows theirs = rows(there, sql + orderAll(there, k.table()), List.of(v), null);
        Rows ours = rows(here, sql + orderAll(here, k.table()), List.of(v), null);
        ValueKind[] kinds = !TableDigest.isSqlite(here) ? ours.kinds : theirs.kinds;
        theirs = theirs.with(kinds, there, sql + orderAll(there, k.table()), List.of(v));
        ours = ours.with(kinds, here, sql + orderAll(here, k.table()), List.of(v));
        if (!theirs.shown.isEmpty()) {
          found++;
        }
        if (!theirs.equalTo(ours)) {
          file.add(
              "'" + v + "'",
              v,
              theirs.data.size() + " row(s) there, " + ours.data.size() + " here",
              theirs.text(),
              ours.text());
        }
      }
      evidence.add(
          Evidence.check(
              name,
              values.size() + " lookups alike (" + found + " found in " + k.against() + ")",
              file.count() == 0 ? values.size() + " alike" : file.summary("lookup(s) differ"),
              file.count() == 0));
      if (file.count() > 0) {
        artifacts.add(file.path().toString());
      }
    }
  }

  private void compareQuery(
      String name,
      Connection here,
      Connection there,
      String hereSql,
      String thereSql,
      List<Evidence> evidence,
      List<String> artifacts)
      throws SQLException {
    Rows first =
        rows(
            !TableDigest.isSqlite(here) ? here : there,
            !TableDigest.isSqlite(here) ? hereSql : thereSql,
            List.of(),
            null);
    ValueKind[] kinds = first.kinds;
    Rows ours = rows(here, hereSql, List.of(), kinds);
    Rows theirs = rows(there, thereSql, List.of(), kinds);
    try (EvidenceFile file =
        new EvidenceFile(ctx, name, "row\tproblem\tother database\tthis database")) {
      int n = Math.max(ours.data.size(), theirs.data.size());
      for (int i = 0; i < n; i++) {
        byte[] a = i < ours.data.size() ? ours.data.get(i) : null;
        byte[] b = i < theirs.data.size() ? theirs.data.get(i) : null;
        if (a == null || b == null || !Arrays.equals(a, b)) {
          file.add(
              "row " + (i + 1),
              Integer.toString(i + 1),
              a == null ? "missing here" : b == null ? "extra here" : "differs",
              b == null ? "" : theirs.shown.get(i),
              a == null ? "" : ours.shown.get(i));
        }
      }
      evidence.add(
          Evidence.check(
              name,
              theirs.data.size() + " row(s) alike",
              file.count() == 0
                  ? ours.data.size() + " row(s) alike"
                  : file.summary("row(s) differ"),
              file.count() == 0));
      if (file.count() > 0) {
        artifacts.add(file.path().toString());
      }
    }
  }

  private void sequences(SequenceCheck k, Connection c, List<Evidence> evidence)
      throws SQLException {
    String name = label(k.name(), "sequences ahead of max(id)");
    if (TableDigest.isSqlite(c)) {
      evidence.add(Evidence.info(name, "not applicable to SQLite (rowids need no sequence)"));
      return;
    }
    List<String> tables = k.tables().isEmpty() ? pgTables(c) : k.tables();
    int seen = 0;
    for (String t : tables) {
      for (String[] s : PgBuild.sequences(c, t)) {
        seen++;
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT max(" + SqlNames.quote(s[0]) + ") FROM " + SqlNames.quote(t));
            Statement st = c.createStatement()) {
          ResultSet m = ps.executeQuery();
          m.next();
          Long max = (Long) (m.getObject(1) == null ? null : m.getLong(1));
          // The name comes from pg_get_serial_sequence, quoted by the server.
          ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + s[1]);
          rs.next();
          long next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
          boolean ok = max == null || next > max;
          evidence.add(
              Evidence.check(
                  name + ": " + t + "." + s[0],
                  "next > " + (max == null ? "nothing (empty)" : max),
                  "next " + next,
                  ok));
        }
      }
    }
    if (seen == 0) {
      evidence.add(Evidence.info(name, "no identity or serial columns in " + tables));
    }
  }

  private void foreignKeys(
      ForeignKeyCheck k, Connection c, List<Evidence> evidence, List<String> artifacts)
      throws SQLException {
    String name = label(k.name(), "foreign-key orphans");
    try (EvidenceFile file =
        new EvidenceFile(ctx, name, "table\tconstraint\tchild key\tmissing parent")) {
      int constraints = 0;
      if (TableDigest.isSqlite(c)) {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
          while (rs.next()) {
            if (k.tables().isEmpty()
                || k.tables().stream().anyMatch(rs.getString(1)::equalsIgnoreCase)) {
              file.add(
                  rs.getString(1) + " rowid " + rs.getString(2),
                  rs.getString(1),
                  "fk " + rs.getString(4),
                  "rowid " + rs.getString(2),
                  rs.getString(3));
            }
          }
        }
        constraints = -1;
      } else {
        List<String[]> fks = new ArrayList<>();
        try (Statement st = c.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT con.conname, format('%I', cl.relname), format('%I', pl.relname),"
                        + " string_agg(format('c.%I', a.attname), ',' ORDER BY k.ord),"
                        + " string_agg(format('p.%I = c.%I', af.attname, a.attname), ' AND ' ORDER"
                        + " BY k.ord), string_agg(format('c.%I IS NOT NULL', a.attname), ' AND '"
                        + " ORDER BY k.ord), cl.relname FROM pg_constraint con JOIN pg_class cl ON"
                        + " cl.oid = con.conrelid JOIN pg_class pl ON pl.oid = con.confrelid JOIN"
                        + " pg_namespace n ON n.oid = cl.relnamespace CROSS JOIN LATERAL"
                        + " unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(c, f, ord) JOIN"
                        + " pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.c JOIN"
                        + " pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = k.f"
                        + " WHERE con.contype = 'f' AND n.nspname = current_schema() GROUP BY"
                        + " con.conname, cl.relname, pl.relname ORDER BY 2, 1")) {
          while (rs.next()) {
            if (k.tables().isEmpty()
                || k.tables().stream().anyMatch(rs.getString(7)::equalsIgnoreCase)) {
              fks.add(
                  new String[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)
                  });
            }
          }
        }
        for (String[] fk : fks) {
          constraints++;
          String sql =
              "SELECT concat_ws('/', "
                  + fk[3]
                  + ") FROM "
                  + fk[1]
                  + " c WHERE "
                  + fk[5]
                  + " AND NOT EXISTS (SELECT 1 FROM "
                  + fk[2]
                  + " p WHERE "
                  + fk[4]
                  + ")";
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
              file.add(fk[1] + " " + rs.getString(1), fk[1], fk[0], rs.getString(1), fk[2]);
            }
          }
        }
      }
      evidence.add(
          Evidence.check(
              name + (constraints >= 0 ? " (" + constraints + " constraints)" : ""),
              0,
              file.summary("orphan row(s)"),
              file.count() == 0));
      if (file.count() > 0) {
        artifacts.add(file.path().toString());
      }
    }
  }

  /** Rows of a small query, normalized, with readable text for evidence. */
  private record Rows(ValueKind[] kinds, List<byte[]> data, List<String> shown) {
    boolean equalTo(Rows o) {
      if (data.size() != o.data.size()) {
        return false;
      }
      for (int i = 0; i < data.size(); i++) {
        if (!Arrays.equals(data.get(i), o.data.get(i))) {
          return false;
        }
      }
      return true;
    }

    String text() {
      return shown.isEmpty() ? "(none)" : String.join(" | ", shown);
    }

    Rows with(ValueKind[] k, Connection c, String sql, List<Object> params) throws SQLException {
      return Arrays.equals(k, kinds) ? this : rows(c, sql, params, k);
    }
  }

  private static Rows rows(Connection c, String sql, List<Object> params, ValueKind[] kinds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        ValueKind[] k = kinds;
        if (k == null || k.length != n) {
          k = new ValueKind[n];
          boolean sqlite = TableDigest.isSqlite(c);
          for (int i = 0; i < n; i++) {
            k[i] =
                sqlite
                    ? ValueKind.ofSqlite(md.getColumnTypeName(i + 1))
                    : ValueKind.ofPostgres(md.getColumnTypeName(i + 1));
          }
        }
        List<byte[]> data = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        Normalized norm = new Normalized();
        while (rs.next()) {
          norm.reset();
          List<String> s = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            Object v = Normalized.read(rs, i + 1, k[i]);
            norm.add(v, k[i]);
            s.add(md.getColumnLabel(i + 1) + "=" + Normalized.show(v));
          }
          data.add(norm.toBytes());
          shown.add(String.join(", ", s));
        }
        return new Rows(k, data, shown);
      }
    }
  }

  private static String orderAll(Connection c, String table) throws SQLException {
    List<String> pk = primaryKey(c, table);
    return pk.isEmpty() ? "" : " ORDER BY " + PgBuild.columnList(pk);
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + SqlNames.quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> tables(List<String> given, Connection source) throws SQLException {
    if (!given.isEmpty()) {
      return given;
    }
    if (TableDigest.isSqlite(source)) {
      return new ArrayList<>(SqliteSchema.read(source).keySet());
    }
    return pgTables(source);
  }

  private static List<String> pgTables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename"
                    + " NOT LIKE 'cutover\\_%' ORDER BY tablename")) {
      while (rs.next()) {
        if (SqlNames.isValid(rs.getString(1))) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static Map<String, String> columnTypes(Connection c, String table) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + SqlNames.quote(table) + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.put(md.getColumnName(i), md.getColumnTypeName(i));
      }
    }
    return out;
  }

  static List<String> primaryKey(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String[]> keys = new ArrayList<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, null, table)) {
      while (rs.next()) {
        keys.add(
            new String[] {rs.getString("COLUMN_NAME"), Integer.toString(rs.getInt("KEY_SEQ"))});
      }
    }
    keys.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
    return keys.stream().map(x -> x[0]).toList();
  }

  private static String find(Map<String, String> cols, String name) {
    if (cols.containsKey(name)) {
      return name;
    }
    return cols.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private static String cols(List<String> columns) {
    return columns.isEmpty() ? "*" : PgBuild.columnList(columns);
  }

  private static String orderTerm(String term) {
    String[] parts = term.trim().split("\\s+");
    String dir = parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? " DESC" : "";
    return SqlNames.quote(parts[0]) + dir;
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String label(String given, String fallback) {
    return given != null && !given.isBlank() ? given : fallback;
  }
}
