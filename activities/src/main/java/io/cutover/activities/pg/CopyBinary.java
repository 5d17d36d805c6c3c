package io.cutover.activities.pg;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rows encoded in PostgreSQL's binary COPY format: integers, doubles, booleans, dates and
 * timestamps travel as their binary values, so the server parses no text for them (the larger part
 * of its COPY cost), and doubles arrive bit for bit. A value that has no exact binary form here (a
 * timestamp with an offset, text in an integer column) raises {@link Unsupported}; the copier then
 * sends that part as text, where PostgreSQL's own parser decides.
 */
final class CopyBinary {
  enum Enc {
    INT8,
    INT4,
    INT2,
    FLOAT8,
    FLOAT4,
    BOOL,
    TEXT,
    BYTEA,
    DATE,
    TIMESTAMP
  }

  /** A value this encoder cannot write exactly. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** 2000-01-01, PostgreSQL's epoch, in days since 1970-01-01. */
  private static final long PG_EPOCH_DAY = 10957;

  private byte[] buf = new byte[1 << 20];
  private int len;

  /** The encoding of each PostgreSQL column type, or null when one of them has none here. */
  static Enc[] encodings(List<String> pgTypes) {
    Enc[] out = new Enc[pgTypes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (pgTypes.get(i)) {
            case "int8" -> Enc.INT8;
            case "int4" -> Enc.INT4;
            case "int2" -> Enc.INT2;
            case "float8" -> Enc.FLOAT8;
            case "float4" -> Enc.FLOAT4;
            case "bool" -> Enc.BOOL;
            case "text", "varchar" -> Enc.TEXT;
            case "bytea" -> Enc.BYTEA;
            case "date" -> Enc.DATE;
            case "timestamp" -> Enc.TIMESTAMP;
            default -> null;
          };
      if (out[i] == null) {
        return null;
      }
    }
    return out;
  }

  int size() {
    return len;
  }

  byte[] bytes() {
    return buf;
  }

  void clear() {
    len = 0;
  }

  void header() {
    ensure(HEADER.length);
    System.arraycopy(HEADER, 0, buf, len, HEADER.length);
    len += HEADER.length;
  }

  void trailer() {
    short16(-1);
  }

  void startRow(int fields) {
    short16(fields);
  }

  void value(Object v, Enc e) throws Unsupported {
    if (v == null) {
      int32(-1);
      return;
    }
    switch (e) {
      case INT8 -> {
        int32(8);
        int64(asLong(v));
      }
      case INT4 -> {
        long x = asLong(v);
        if (x != (int) x) {
          throw new Unsupported(x + " does not fit an integer column");
        }
        int32(4);
        int32((int) x);
      }
      case INT2 -> {
        long x = asLong(v);
        if (x != (short) x) {
          throw new Unsupported(x + " does not fit a smallint column");
        }
        int32(2);
        short16((int) x);
      }
      case FLOAT8 -> {
        int32(8);
        int64(Double.doubleToRawLongBits(asDouble(v)));
      }
      case FLOAT4 -> {
        int32(4);
        int32(Float.floatToRawIntBits((float) asDouble(v)));
      }
      case BOOL -> {
        int32(1);
        ensure(1);
        buf[len++] = asBool(v) ? (byte) 1 : 0;
      }
      case TEXT ->
          bytes(
              v instanceof String s
                  ? s.getBytes(StandardCharsets.UTF_8)
                  : v instanceof byte[] b
                      ? b
                      : v instanceof Double d
                          ? Double.toString(d).getBytes(StandardCharsets.US_ASCII)
                          : v.toString().getBytes(StandardCharsets.UTF_8));
      case BYTEA ->
          bytes(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
      case DATE -> {
        int32(4);
        int32((int) (date(v.toString(), 0, v.toString().length()) - PG_EPOCH_DAY));
      }
      case TIMESTAMP -> {
        int32(8);
        int64(timestamp(v.toString()));
      }
    }
  }

  private void bytes(byte[] b) {
    int32(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private static long asLong(Object v) throws Unsupported {
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new Unsupported("'" + s + "' is not an integer");
      }
    }
    throw new Unsupported(v + " is not an integer");
  }

  private static double asDouble(Object v) throws Unsupported {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new Unsupported(v + " is not a number");
  }

  private static boolean asBool(Object v) throws Unsupported {
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "t", "true", "1", "y", "yes", "on" -> true;
      case "f", "false", "0", "n", "no", "off" -> false;
      default -> throw new Unsupported("'" + v + "' is not a boolean");
    };
  }

  /** Days since 1970-01-01 of {@code YYYY-MM-DD} at {@code from}. */
  private static long date(String s, int from, int to) throws Unsupported {
    if (to - from != 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
      throw new Unsupported("'" + s + "' is not YYYY-MM-DD");
    }
    try {
      return LocalDate.of(digits(s, from, 4), digits(s, from + 5, 2), digits(s, from + 8, 2))
          .toEpochDay();
    } catch (DateTimeException e) {
      throw new Unsupported("'" + s + "' is not a date");
    }
  }

  /**
   * Microseconds since 2000-01-01 of {@code YYYY-MM-DD[ T]HH:MM[:SS[.f{1,6}]]} (or a bare date).
   */
  private static long timestamp(String s) throws Unsupported {
    int n = s.length();
    if (n == 10) {
      return (date(s, 0, 10) - PG_EPOCH_DAY) * 86_400_000_000L;
    }
    if (n < 16 || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':') {
      throw new Unsupported("'" + s + "' is not YYYY-MM-DD HH:MM:SS");
    }
    long days = date(s, 0, 10) - PG_EPOCH_DAY;
    int h = digits(s, 11, 2);
    int m = digits(s, 14, 2);
    int sec = 0;
    long micros = 0;
    int i = 16;
    if (i < n) {
      if (s.charAt(i) != ':' || i + 3 > n) {
        throw new Unsupported("'" + s + "' has an offset or an unexpected form");
      }
      sec = digits(s, i + 1, 2);
      i += 3;
      if (i < n) {
        if (s.charAt(i) != '.' || n - i - 1 < 1 || n - i - 1 > 6) {
          throw new Unsupported("'" + s + "' has an offset or more than 6 fractional digits");
        }
        int f = digits(s, i + 1, n - i - 1);
        for (int k = n - i - 1; k < 6; k++) {
          f *= 10;
        }
        micros = f;
      }
    }
    if (h > 23 || m > 59 || sec > 59) {
      throw new Unsupported("'" + s + "' is not a valid time");
    }
    return days * 86_400_000_000L + ((h * 60L + m) * 60L + sec) * 1_000_000L + micros;
  }

  private static int digits(String s, int from, int count) throws Unsupported {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new Unsupported("'" + s + "' has a non-digit where a digit belongs");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private void short16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void int32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void int64(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more + 1024));
    }
  }
}
