package io.cutover.activities.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.activities.StepContext;
import io.cutover.activities.db.SqlNames;
import io.cutover.activities.support.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams one part of a table — a rowid range, or a whole WITHOUT ROWID table in key order — from
 * SQLite into PostgreSQL with COPY, one chunk per transaction, each chunk's checkpoint written in
 * the chunk's own transaction.
 */
final class PartCopier {
  private static final int FLUSH_BYTES = 1 << 20;

  private final StepContext ctx;
  private final SqliteSchema.Table table;
  private final List<String> sourceColumns;
  private final List<String> columns;
  private final ValueKind[] kinds;
  private final CopyBinary.Enc[] encodings;
  private final int chunkRows;
  private volatile boolean sentText;

  /**
   * @param columns target column names, in the order of the source's columns
   * @param pgTypes the target columns' PostgreSQL type names (typname), same order
   */
  PartCopier(
      StepContext ctx,
      SqliteSchema.Table table,
      List<String> columns,
      List<String> pgTypes,
      int chunkRows) {
    this.ctx = ctx;
    this.table = table;
    this.sourceColumns = table.columns().stream().map(SqliteSchema.Column::name).toList();
    this.columns = columns;
    this.kinds = pgTypes.stream().map(ValueKind::ofPostgres).toArray(ValueKind[]::new);
    this.encodings = CopyBinary.encodings(pgTypes);
    this.chunkRows = chunkRows;
  }

  /**
   * Copies what is left of the part. {@code committed} hears of every committed chunk; {@code stop}
   * is polled between chunks and ends the copy early (the work committed so far stays). Binary COPY
   * is used when every column has a binary encoding; a value without an exact binary form sends the
   * rest of the part as text instead.
   */
  CopyState.Part copy(
      Connection sqlite,
      Connection pg,
      CopyState.Part part,
      Consumer<CopyState.Part> committed,
      BooleanSupplier stop)
      throws SQLException, IOException {
    if (part.done()) {
      return part;
    }
    pg.setAutoCommit(false);
    try (Statement st = pg.createStatement()) {
      // Safe here: a chunk and its checkpoint commit together, so a lost commit loses both.
      st.execute("SET synchronous_commit = off");
    }
    CopyState.Part[] at = {part};
    Consumer<CopyState.Part> track =
        p -> {
          at[0] = p;
          committed.accept(p);
        };
    boolean binary = encodings != null;
    sentText = !binary;
    while (true) {
      try {
        return stream(sqlite, pg, at[0], binary, track, stop);
      } catch (CopyBinary.Unsupported e) {
        binary = false;
        sentText = true;
      }
    }
  }

  private CopyState.Part stream(
      Connection sqlite,
      Connection pg,
      CopyState.Part part,
      boolean binary,
      Consumer<CopyState.Part> committed,
      BooleanSupplier stop)
      throws SQLException, IOException, CopyBinary.Unsupported {
    CopyManager copies = pg.unwrap(PGConnection.class).getCopyAPI();
    String copySql =
        "COPY "
            + SqlNames.quote(table.name())
            + " ("
            + PgBuild.columnList(columns)
            + ") FROM STDIN"
            + (binary ? " (FORMAT binary)" : "");
    boolean rowid = !table.withoutRowid();
    List<String> key = rowid ? List.of("rowid") : table.primaryKey();
    String keyList =
        String.join(
            ", ", key.stream().map(k -> k.equals("rowid") ? "rowid" : SqlNames.quote(k)).toList());
    String select =
        "SELECT "
            + keyList
            + ", "
            + PgBuild.columnList(sourceColumns)
            + " FROM "
            + SqlNames.quote(table.name())
            + where(part, rowid)
            + " ORDER BY "
            + keyList;
    int k = key.size();
    CopyText text = new CopyText();
    CopyBinary bin = new CopyBinary();
    try (PreparedStatement ps = sqlite.prepareStatement(select)) {
      bind(ps, part, rowid);
      try (ResultSet rs = ps.executeQuery()) {
        boolean more = rs.next();
        long rows = part.rows();
        String lastKey = part.lastKey();
        while (more) {
          if (stop.getAsBoolean()) {
            return new CopyState.Part(
                part.table(), part.part(), part.lo(), part.hi(), lastKey, rows, false);
          }
          CopyIn in = copies.copyIn(copySql);
          int n = 0;
          Object[] keyValues = new Object[k];
          try {
            if (binary) {
              bin.header();
            }
            while (more && n < chunkRows) {
              for (int i = 0; i < k; i++) {
                keyValues[i] = rs.getObject(i + 1);
              }
              if (binary) {
                bin.startRow(kinds.length);
                for (int c = 0; c < kinds.length; c++) {
                  CopyBinary.Enc e = encodings[c];
                  // Text and blobs as SQLite's own bytes: no UTF-8 decoding and re-encoding.
                  bin.value(
                      e == CopyBinary.Enc.TEXT || e == CopyBinary.Enc.BYTEA
                          ? rs.getBytes(k + c + 1)
                          : rs.getObject(k + c + 1),
                      e);
                }
                if (bin.size() >= FLUSH_BYTES) {
                  in.writeToCopy(bin.bytes(), 0, bin.size());
                  bin.clear();
                }
              } else {
                for (int c = 0; c < kinds.length; c++) {
                  if (c > 0) {
                    text.separator();
                  }
                  text.value(rs.getObject(k + c + 1), kinds[c]);
                }
                text.endRow();
                if (text.size() >= FLUSH_BYTES) {
                  in.writeToCopy(text.bytes(), 0, text.size());
                  text.clear();
                }
              }
              n++;
              more = rs.next();
            }
            if (binary) {
              bin.trailer();
              in.writeToCopy(bin.bytes(), 0, bin.size());
              bin.clear();
            } else if (text.size() > 0) {
              in.writeToCopy(text.bytes(), 0, text.size());
              text.clear();
            }
            in.endCopy();
          } catch (SQLException | RuntimeException | CopyBinary.Unsupported e) {
            text.clear();
            bin.clear();
            if (in.isActive()) {
              in.cancelCopy();
            }
            pg.rollback();
            throw e;
          }
          rows += n;
          lastKey =
              rowid ? String.valueOf(keyValues[0]) : Json.MAPPER.writeValueAsString(keyValues);
          CopyState.advance(pg, ctx, part, lastKey, rows, !more);
          pg.commit();
          committed.accept(
              new CopyState.Part(
                  part.table(), part.part(), part.lo(), part.hi(), lastKey, rows, !more));
        }
        if (!part.done() && rows == part.rows()) {
          CopyState.advance(pg, ctx, part, lastKey, rows, true);
          pg.commit();
        }
        CopyState.Part done =
            new CopyState.Part(
                part.table(), part.part(), part.lo(), part.hi(), lastKey, rows, true);
        committed.accept(done);
        return done;
      }
    }
  }

  /**
   * How this part's rows went: binary, text, or binary and then text after a value without a binary
   * form.
   */
  String format() {
    return encodings == null ? "text" : sentText ? "binary, then text" : "binary";
  }

  private String where(CopyState.Part part, boolean rowid) {
    if (rowid) {
      return " WHERE rowid > ? AND rowid <= ?";
    }
    if (part.lastKey() == null) {
      return "";
    }
    List<String> pk = table.primaryKey();
    return " WHERE ("
        + PgBuild.columnList(pk)
        + ") > ("
        + String.join(", ", pk.stream().map(x -> "?").toList())
        + ")";
  }

  private static void bind(PreparedStatement ps, CopyState.Part part, boolean rowid)
      throws SQLException, IOException {
    if (rowid) {
      ps.setLong(1, part.lastKey() == null ? part.lo() : Long.parseLong(part.lastKey()));
      ps.setLong(2, part.hi());
      return;
    }
    if (part.lastKey() != null) {
      JsonNode values = Json.MAPPER.readTree(part.lastKey());
      List<Object> out = new ArrayList<>();
      values.forEach(
          v ->
              out.add(
                  v.isIntegralNumber()
                      ? (Object) v.asLong()
                      : v.isNumber() ? (Object) v.asDouble() : v.asText()));
      for (int i = 0; i < out.size(); i++) {
        ps.setObject(i + 1, out.get(i));
      }
    }
  }
}
