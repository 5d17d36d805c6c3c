package io.cutover.activities.pg;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Rows reduced to bytes that are equal exactly when the data is equal, whichever database they came
 * from: each value is read and written according to the column's {@link ValueKind} (booleans as
 * 1/0, integers in decimal, doubles by their exact round-trip text — a float4 widened to double is
 * therefore different —, numerics without trailing zeros, dates and timestamps in one canonical
 * text, text as UTF-8, bytes as they are), each with a tag and a length so that no two different
 * rows encode alike.
 */
final class Normalized {
  private byte[] buf = new byte[256];
  private int len;

  /** Reads column {@code i} of the current row the way its kind needs. */
  static Object read(ResultSet rs, int i, ValueKind kind) throws SQLException {
    return switch (kind) {
      case TEXT, DATE, TIMESTAMP, OTHER -> rs.getString(i);
      case BYTES -> rs.getBytes(i);
      default -> rs.getObject(i);
    };
  }

  void reset() {
    len = 0;
  }

  /** Where the next value starts, to find a row's columns again. */
  int mark() {
    return len;
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  void add(Object v, ValueKind kind) {
    if (v == null) {
      put('N', new byte[0]);
      return;
    }
    switch (kind) {
      case BOOL -> {
        Boolean b = bool(v);
        if (b == null) {
          put('S', utf8(v.toString()));
        } else {
          put('B', b ? new byte[] {'1'} : new byte[] {'0'});
        }
      }
      case INT -> {
        Long x = integer(v);
        if (x == null) {
          put('S', utf8(v.toString()));
        } else {
          putLong('I', x);
        }
      }
      case FLOAT -> {
        Double d = floating(v);
        if (d == null) {
          put('S', utf8(v.toString()));
        } else {
          putLong('F', Double.doubleToRawLongBits(d));
        }
      }
      case NUMERIC -> put('M', utf8(numeric(v)));
      case BYTES -> put('X', v instanceof byte[] b ? b : utf8(v.toString()));
      case DATE, TIMESTAMP -> put('D', utf8(temporal(v.toString())));
      default -> put('S', v instanceof byte[] b ? b : utf8(v.toString()));
    }
  }

  /** A short readable form of a value, for evidence files. */
  static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[] b) {
      String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 16));
      return "x'" + hex + (b.length > 16 ? "…' (" + b.length + " bytes)" : "'");
    }
    if (v instanceof Float f) {
      return Double.toString(f.doubleValue()) + " (float4)";
    }
    String s = v.toString().replace("\t", "\\t").replace("\n", "\\n");
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  private static Boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "1", "t", "true", "y", "yes", "on" -> true;
      case "0", "f", "false", "n", "no", "off" -> false;
      default -> null;
    };
  }

  /** The integer a value holds, or null when it holds something else (compared as text then). */
  private static Long integer(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e15) {
      return d.longValue();
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The double a value holds (a float4 widened, so its lost bits show), or null. */
  private static Double floating(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String numeric(Object v) {
    try {
      BigDecimal d =
          v instanceof BigDecimal b
              ? b
              : v instanceof Double x
                  ? new BigDecimal(Double.toString(x))
                  : new BigDecimal(v.toString().trim());
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return v.toString();
    }
  }

  /** {@code 2024-03-01T10:15:00.500Z} and {@code 2024-03-01 10:15:00.5+00} read alike. */
  static String temporal(String s) {
    String t = s.trim();
    if (t.length() > 10 && t.charAt(10) == 'T') {
      t = t.substring(0, 10) + ' ' + t.substring(11);
    }
    if (t.endsWith("Z")) {
      t = t.substring(0, t.length() - 1) + "+00";
    } else if (t.endsWith("+00:00")) {
      t = t.substring(0, t.length() - 3);
    }
    int dot = t.indexOf('.', 10);
    if (dot > 0) {
      int end = dot + 1;
      while (end < t.length() && Character.isDigit(t.charAt(end))) {
        end++;
      }
      int last = end;
      while (last > dot + 1 && t.charAt(last - 1) == '0') {
        last--;
      }
      t = t.substring(0, last == dot + 1 ? dot : last) + t.substring(end);
    }
    return t;
  }

  /** Appends a value already in normalized form (from PostgreSQL's binary output). */
  void putRaw(char tag, byte[] src, int off, int n) {
    int need = len + 5 + n;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    buf[len++] = (byte) tag;
    buf[len++] = (byte) (n >>> 24);
    buf[len++] = (byte) (n >>> 16);
    buf[len++] = (byte) (n >>> 8);
    buf[len++] = (byte) n;
    System.arraycopy(src, off, buf, len, n);
    len += n;
  }

  void putNull() {
    put('N', new byte[0]);
  }

  void putLongValue(char tag, long v) {
    putLong(tag, v);
  }

  private void putLong(char tag, long v) {
    int need = len + 13;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    buf[len++] = (byte) tag;
    buf[len++] = 0;
    buf[len++] = 0;
    buf[len++] = 0;
    buf[len++] = 8;
    for (int s = 56; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
  }

  private void put(char tag, byte[] b) {
    int need = len + 5 + b.length;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    buf[len++] = (byte) tag;
    int n = b.length;
    buf[len++] = (byte) (n >>> 24);
    buf[len++] = (byte) (n >>> 16);
    buf[len++] = (byte) (n >>> 8);
    buf[len++] = (byte) n;
    System.arraycopy(b, 0, buf, len, n);
    len += n;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
