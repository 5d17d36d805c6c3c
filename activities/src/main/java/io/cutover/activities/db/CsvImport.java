package io.cutover.activities.db;

import io.cutover.activities.support.Pulse;
import io.cutover.api.Evidence;
import io.cutover.api.Progress;
import io.cutover.plan.ColumnType;
import io.cutover.plan.CsvFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Loads one CSV file into a table inside the caller's transaction. */
final class CsvImport {
  private static final int BATCH = 1000;
  private static final DateTimeFormatter LONG_DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

  private CsvImport() {}

  static List<Evidence> load(Connection c, Path file, CsvFile spec)
      throws IOException, SQLException, CsvReader.CsvException {
    String name = file.getFileName().toString();
    if (spec.delimiter().length() != 1) {
      throw new CsvReader.CsvException(
          name + ": the delimiter must be one character, got '" + spec.delimiter() + "'");
    }
    try (InputStream in = Files.newInputStream(file);
        CsvReader csv = new CsvReader(in, spec.delimiter().charAt(0), name)) {
      List<String> header = csv.header();
      List<Integer> sourceIndex = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      if (spec.columns().isEmpty()) {
        for (int i = 0; i < header.size(); i++) {
          sourceIndex.add(i);
          columns.add(header.get(i).trim());
        }
      } else {
        for (Map.Entry<String, String> m : spec.columns().entrySet()) {
          if (m.getValue() == null || m.getValue().isBlank()) {
            continue;
          }
          int i = indexOf(header, m.getKey());
          if (i < 0) {
            throw new CsvReader.CsvException(
                name
                    + ": the header has no column '"
                    + m.getKey()
                    + "' (it has: "
                    + String.join(", ", header)
                    + ")");
          }
          sourceIndex.add(i);
          columns.add(m.getValue());
        }
      }
      for (String col : columns) {
        if (!SqlNames.isValid(col)) {
          throw new CsvReader.CsvException(
              name + ": '" + col + "' is not a valid column name: map it with 'columns'");
        }
      }
      String sql =
          "INSERT INTO "
              + SqlNames.quote(spec.table())
              + " ("
              + String.join(", ", columns.stream().map(SqlNames::quote).toList())
              + ") VALUES ("
              + String.join(", ", columns.stream().map(x -> "?").toList())
              + ")";
      boolean sqlite = TableDigest.isSqlite(c);
      long rows = 0;
      long started = System.currentTimeMillis();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<String> record;
        while ((record = csv.nextRecord()) != null) {
          for (int k = 0; k < columns.size(); k++) {
            String raw = record.get(sourceIndex.get(k));
            ColumnType type = spec.types().getOrDefault(columns.get(k), ColumnType.TEXT);
            bind(
                ps,
                k + 1,
                raw,
                type,
                spec.nulls(),
                sqlite,
                name + " line " + csv.recordLine() + " column '" + columns.get(k) + "'");
          }
          ps.addBatch();
          rows++;
          if (rows % BATCH == 0) {
            ps.executeBatch();
            Pulse.progress(new Progress("rows", rows, null, started, name + " → " + spec.table()));
          }
        }
        ps.executeBatch();
      }
      return List.of(Evidence.info("rows imported into " + spec.table() + " from " + name, rows));
    }
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equals(name.trim())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Binds one value. SQLite stores dates and timestamps as ISO text; PostgreSQL gets them as typed
   * values, and text (no declared type) untyped, so the server converts it to the column's type as
   * it would a literal.
   */
  private static void bind(
      PreparedStatement ps,
      int i,
      String raw,
      ColumnType type,
      List<String> nulls,
      boolean sqlite,
      String where)
      throws SQLException, CsvReader.CsvException {
    if (nulls.contains(raw)) {
      ps.setNull(i, Types.NULL);
      return;
    }
    String v = raw.trim();
    try {
      switch (type) {
        case INTEGER -> ps.setLong(i, Long.parseLong(v));
        case REAL -> ps.setDouble(i, Double.parseDouble(v));
        case BOOLEAN -> ps.setBoolean(i, parseBoolean(v, where));
        case DATE -> {
          if (sqlite) {
            ps.setString(i, parseDate(v).toString());
          } else {
            ps.setObject(i, parseDate(v));
          }
        }
        case TIMESTAMP -> {
          if (sqlite) {
            ps.setString(i, parseTimestamp(v));
          } else {
            ps.setObject(i, parseTimestamp(v), Types.OTHER);
          }
        }
        default -> {
          if (sqlite) {
            ps.setString(i, raw);
          } else {
            ps.setObject(i, raw, Types.OTHER);
          }
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CsvReader.CsvException(where + ": '" + raw + "' is not a valid " + type.wireName());
    }
  }

  private static boolean parseBoolean(String v, String where) throws CsvReader.CsvException {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1", "t" -> {
        return true;
      }
      case "false", "no", "n", "0", "f" -> {
        return false;
      }
      default ->
          throw new CsvReader.CsvException(
              where + ": '" + v + "' is not a boolean (use true/false, yes/no or 1/0)");
    }
  }

  private static LocalDate parseDate(String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      return LocalDate.parse(v, LONG_DATE);
    }
  }

  private static String parseTimestamp(String v) {
    try {
      return OffsetDateTime.parse(v).toInstant().toString();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(v.replace(' ', 'T')).toString();
    }
  }
}
