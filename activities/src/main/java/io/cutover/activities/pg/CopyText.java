package io.cutover.activities.pg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows encoded in PostgreSQL's COPY text format into a reusable byte buffer: tab-separated, {@code
 * \N} for NULL, backslash escapes, bytea as {@code \\x} hex. Doubles are written with Java's
 * round-trip representation, so PostgreSQL reads back the very same bits.
 */
final class CopyText {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf = new byte[1 << 20];
  private int len;

  int size() {
    return len;
  }

  byte[] bytes() {
    return buf;
  }

  void clear() {
    len = 0;
  }

  void separator() {
    put((byte) '\t');
  }

  void endRow() {
    put((byte) '\n');
  }

  /** Appends one value, converted for a column of {@code kind}. */
  void value(Object v, ValueKind kind) {
    if (v == null) {
      put((byte) '\\');
      put((byte) 'N');
    } else if (v instanceof byte[] b) {
      if (kind == ValueKind.BYTES) {
        hex(b);
      } else {
        text(new String(b, StandardCharsets.UTF_8));
      }
    } else if (v instanceof Double d) {
      ascii(Double.toString(d));
    } else if (v instanceof Number n) {
      if (kind == ValueKind.BOOL) {
        put(n.longValue() == 0 ? (byte) 'f' : (byte) 't');
      } else {
        ascii(n.toString());
      }
    } else if (kind == ValueKind.BYTES) {
      hex(v.toString().getBytes(StandardCharsets.UTF_8));
    } else {
      text(v.toString());
    }
  }

  private void hex(byte[] b) {
    ensure(4 + b.length * 2);
    buf[len++] = '\\';
    buf[len++] = '\\';
    buf[len++] = 'x';
    for (byte x : b) {
      buf[len++] = HEX[(x >> 4) & 0xF];
      buf[len++] = HEX[x & 0xF];
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /** UTF-8 with COPY's escapes for backslash, tab, newline and carriage return. */
  private void text(String s) {
    int n = s.length();
    ensure(n * 3 + 2);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\' -> {
            buf[len++] = '\\';
            buf[len++] = '\\';
          }
          case '\t' -> {
            buf[len++] = '\\';
            buf[len++] = 't';
          }
          case '\n' -> {
            buf[len++] = '\\';
            buf[len++] = 'n';
          }
          case '\r' -> {
            buf[len++] = '\\';
            buf[len++] = 'r';
          }
          default -> buf[len++] = (byte) c;
        }
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xC0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        ensure(4);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more + 1024));
    }
  }
}
