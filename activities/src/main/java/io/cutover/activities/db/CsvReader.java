package io.cutover.activities.db;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader: quoted fields may hold delimiters, quotes ({@code ""}) and line
 * breaks. Input must be UTF-8 (a BOM is skipped); every record must have as many fields as the
 * header. Errors name the line.
 */
public final class CsvReader implements Closeable {
  /** A malformed file; the message names the line and what is wrong. */
  public static final class CsvException extends Exception {
    public CsvException(String message) {
      super(message);
    }
  }

  private final Reader in;
  private final char delimiter;
  private final String name;
  private int line = 1;
  private int recordLine;
  private int peeked = -2;
  private List<String> header;

  public CsvReader(InputStream stream, char delimiter, String name) {
    this.in =
        new InputStreamReader(
            stream,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    this.delimiter = delimiter;
    this.name = name;
  }

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
          name + " line " + recordLine + ": " + r.size() + " fields, but the header has " + header.size());
    }
    return r;
  }

  private List<String> next() throws IOException, CsvException {
    int c = read();
    if (c < 0) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new CsvException(name + " line " + recordLine + ": a quoted field is never closed (the file may be truncated)");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            f.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          f.append((char) c);
        }
      } else {
        if (c < 0 || c == '\n' || c == '\r') {
          if (c == '\r') {
            int d = read();
            if (d != '\n') {
              unread(d);
            }
          }
          fields.add(f.toString());
          return fields;
        }
        if (c == delimiter) {
          fields.add(f.toString());
          f.setLength(0);
          wasQuoted = false;
        } else if (c == '"' && f.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (c == '"') {
          throw new CsvException(name + " line " + line + ": a quote inside an unquoted field (quote the whole field and double the quote)");
        } else {
          f.append((char) c);
        }
      }
      c = read();
    }
  }

  private int read() throws IOException, CsvException {
    int c;
    if (peeked != -2) {
      c = peeked;
      peeked = -2;
    } else {
      try {
        c = in.read();
      } catch (CharacterCodingException e) {
        throw new CsvException(name + " line " + line + ": the file is not valid UTF-8 (save it as UTF-8)");
      }
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private void unread(int c) {
    if (c == '\n') {
      line--;
    }
    peeked = c;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
