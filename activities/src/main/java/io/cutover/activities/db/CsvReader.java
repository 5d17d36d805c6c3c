package io.cutover.activities.db;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An RFC 4180 CSV file read by Apache Commons CSV: quoted fields may hold delimiters, doubled
 * quotes and line breaks; LF, CRLF and CR-only line endings all count as lines. Strict where a
 * silent guess would import wrong data: characters after a closing quote ({@code "abc"def}), a
 * quote never closed, a record with more or fewer fields than the header, a file that is not UTF-8.
 * Errors name the file and the line the record starts on. A UTF-8 BOM is skipped.
 */
public final class CsvReader implements Closeable {
  /** A malformed file; the message names the file, the line and what is wrong. */
  public static final class CsvException extends Exception {
    public CsvException(String message) {
      super(message);
    }
  }

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String name;
  private int recordLine;
  private List<String> header;

  public CsvReader(InputStream stream, char delimiter, String name) throws IOException {
    this.name = name;
    var reader =
        new InputStreamReader(
            stream,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(false) // skipped below, so that line numbers stay exact
            .setTrailingData(false)
            .setLenientEof(false)
            .get();
    this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    this.records = parser.iterator();
  }

  /** The header line's fields (the first line of the file). */
  public List<String> header() throws IOException, CsvException {
    if (header == null) {
      List<String> h = next();
      if (h == null) {
        throw new CsvException(name + ": the file is empty (a header line is required)");
      }
      if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
        h.set(0, h.get(0).substring(1));
      }
      header = h;
    }
    return header;
  }

  /** Line on which the last record returned began. */
  public int recordLine() {
    return recordLine;
  }

  /** The next record with exactly as many fields as the header, or null at the end. */
  public List<String> nextRecord() throws IOException, CsvException {
    header();
    List<String> r = next();
    while (r != null && r.size() == 1 && r.get(0).isEmpty()) {
      r = next();
    }
    if (r != null && r.size() != header.size()) {
      throw new CsvException(
          name
              + " line "
              + recordLine
              + ": "
              + r.size()
              + " fields, but the header has "
              + header.size());
    }
    return r;
  }

  private List<String> next() throws CsvException {
    // Line breaks read so far: the next record starts on the line after them.
    recordLine = (int) parser.getCurrentLineNumber() + 1;
    try {
      if (!records.hasNext()) {
        return null;
      }
      return new ArrayList<>(records.next().toList());
    } catch (UncheckedIOException e) {
      throw malformed(e.getCause());
    } catch (IllegalStateException e) {
      // Commons CSV wraps what its lexer finds in an IllegalStateException in some versions.
      throw malformed(
          e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }
  }

  private CsvException malformed(IOException e) {
    String where = name + " line " + recordLine;
    if (e instanceof CharacterCodingException) {
      return new CsvException(where + ": the file is not valid UTF-8 (save it as UTF-8)");
    }
    String m = String.valueOf(e.getMessage());
    if (m.contains("EOF reached before encapsulated token finished")) {
      return new CsvException(
          where + ": a quoted field is never closed (the file may be truncated)");
    }
    if (m.contains("Invalid character between encapsulated token and delimiter")) {
      return new CsvException(
          where
              + ": characters after a closing quote, as in \"abc\"def "
              + "(quote the whole field and double the quotes inside it: \"abc\"\"def\")");
    }
    return new CsvException(where + ": " + m);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
