package io.cutover.activities.pg;

import io.cutover.activities.db.TableDigest;
import io.cutover.activities.support.SafeFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads a query's rows on a thread of its own, in key order, as (key, normalized row) pairs in
 * batches, while hashing every normalized row into the side's content checksum. Two streams — one
 * per database — are merged by key by {@link ParityChecks}.
 */
final class RowStream implements AutoCloseable {
  static final int BATCH = 2000;
  private static final List<Row> END = new ArrayList<>();

  /** One row: its key, its normalized bytes, and where each column starts in them. */
  record Row(Object[] key, byte[] data, int[] starts) {}

  private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(16);
  private final Thread thread;
  private final MessageDigest digest = SafeFiles.sha256();
  private volatile Throwable failure;
  private volatile boolean closed;
  private long rows;
  private List<Row> batch = List.of();
  private int at;

  /**
   * @param keyColumns how many leading columns of the query are the key (also part of the row)
   * @param kinds kind of every column of the query
   */
  RowStream(String label, Connection c, String sql, int keyColumns, ValueKind[] kinds) {
    this(label, c, sql, keyColumns, kinds, null);
  }

  /**
   * @param pgTypes when given, the query runs on PostgreSQL as {@code COPY (sql) TO STDOUT (FORMAT
   *     binary)} and rows are normalized straight from the binary values (the query must cast
   *     columns without a binary decoding here to text)
   */
  RowStream(
      String label, Connection c, String sql, int keyColumns, ValueKind[] kinds, String[] pgTypes) {
    thread =
        new Thread(
            () -> {
              if (pgTypes == null) {
                produce(c, sql, keyColumns, kinds);
              } else {
                produceBinary(c, sql, keyColumns, kinds, pgTypes);
              }
            },
            "cutover-parity-" + label);
    thread.setDaemon(true);
    thread.start();
  }

  private void produce(Connection c, String sql, int keyColumns, ValueKind[] kinds) {
    try {
      boolean auto = c.getAutoCommit();
      if (!TableDigest.isSqlite(c)) {
        c.setAutoCommit(false);
      }
      try (Statement st = c.createStatement()) {
        st.setFetchSize(5000);
        try (ResultSet rs = st.executeQuery(sql)) {
          Normalized n = new Normalized();
          List<Row> out = new ArrayList<>(BATCH);
          int cols = kinds.length;
          boolean sqlite = TableDigest.isSqlite(c);
          while (rs.next() && !closed) {
            n.reset();
            Object[] key = new Object[keyColumns];
            int[] starts = new int[cols];
            for (int i = 0; i < cols; i++) {
              // SQLite hands text out as its own UTF-8 bytes: no decoding and re-encoding.
              Object v =
                  sqlite && kinds[i] == ValueKind.TEXT
                      ? rs.getBytes(i + 1)
                      : Normalized.read(rs, i + 1, kinds[i]);
              if (i < keyColumns) {
                key[i] = keyOf(v, kinds[i]);
              }
              starts[i] = n.mark();
              n.add(v, kinds[i]);
            }
            out = emit(out, key, n, starts);
          }
          flush(out);
        }
      } finally {
        if (!TableDigest.isSqlite(c)) {
          c.rollback();
          c.setAutoCommit(auto);
        }
      }
    } catch (Throwable e) {
      failure = e;
    } finally {
      end();
    }
  }

  /**
   * Hashes a finished row into the side's checksum and queues it; returns the batch to fill next.
   */
  private List<Row> emit(List<Row> out, Object[] key, Normalized n, int[] starts)
      throws InterruptedException {
    byte[] data = n.toBytes();
    digest.update(data);
    digest.update((byte) '\n');
    out.add(new Row(key, data, starts));
    if (out.size() < BATCH) {
      return out;
    }
    queue.put(out);
    return new ArrayList<>(BATCH);
  }

  private void flush(List<Row> out) throws InterruptedException {
    if (!out.isEmpty()) {
      queue.put(out);
    }
  }

  /** Tells the reader there is nothing more, unless it already stopped listening. */
  private void end() {
    try {
      while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether {@link #produceBinary} decodes a PostgreSQL type itself; others must be cast to text.
   */
  static boolean binaryDecodable(String pgType) {
    return switch (canonical(pgType)) {
      case "int8", "int4", "int2", "float8", "float4", "bool", "text", "varchar", "bytea" -> true;
      default -> false;
    };
  }

  private void produceBinary(
      Connection c, String sql, int keyColumns, ValueKind[] kinds, String[] pgTypes) {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                new PGCopyInputStream(
                    c.unwrap(PGConnection.class), "COPY (" + sql + ") TO STDOUT (FORMAT binary)"),
                1 << 16))) {
      in.skipNBytes(15);
      in.skipNBytes(in.readInt());
      Normalized n = new Normalized();
      byte[] scratch = new byte[1 << 16];
      List<Row> out = new ArrayList<>(BATCH);
      int cols = kinds.length;
      while (!closed) {
        short fields = in.readShort();
        if (fields == -1) {
          break;
        }
        n.reset();
        Object[] key = new Object[keyColumns];
        int[] starts = new int[cols];
        for (int i = 0; i < cols; i++) {
          starts[i] = n.mark();
          int len = in.readInt();
          if (len < 0) {
            n.putNull();
            continue;
          }
          if (len > scratch.length) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
          }
          in.readFully(scratch, 0, len);
          Object k = decode(n, pgTypes[i], kinds[i], scratch, len);
          if (i < keyColumns) {
            key[i] = k;
          }
        }
        out = emit(out, key, n, starts);
      }
      flush(out);
    } catch (Throwable e) {
      failure = e;
    } finally {
      end();
    }
  }

  /**
   * JDBC reports identity and serial columns as bigserial/serial; their values are int8/int4/int2.
   */
  static String canonical(String pgType) {
    return switch (pgType) {
      case "bigserial" -> "int8";
      case "serial" -> "int4";
      case "smallserial" -> "int2";
      default -> pgType;
    };
  }

  /** Writes one binary value in normalized form; returns it as a merge key. */
  private static Object decode(Normalized n, String pgType, ValueKind kind, byte[] b, int len) {
    ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
    switch (pgType) {
      case "int8", "int4", "int2" -> {
        long v = len == 8 ? bb.getLong() : len == 4 ? bb.getInt() : bb.getShort();
        if (kind == ValueKind.BOOL || kind == ValueKind.INT) {
          if (kind == ValueKind.BOOL) {
            n.putRaw('B', new byte[] {(byte) (v != 0 ? '1' : '0')}, 0, 1);
          } else {
            n.putLongValue('I', v);
          }
        } else {
          n.add(v, kind);
        }
        return v;
      }
      case "float8", "float4" -> {
        double d = len == 8 ? bb.getDouble() : bb.getFloat();
        n.add(d, kind);
        return d;
      }
      case "bool" -> {
        boolean v = b[0] != 0;
        n.add(v, kind);
        return v ? 1L : 0L;
      }
      default -> {
        byte[] copy = Arrays.copyOf(b, len);
        if (kind == ValueKind.TEXT || kind == ValueKind.BYTES) {
          n.putRaw(kind == ValueKind.BYTES ? 'X' : 'S', b, 0, len);
        } else {
          n.add(new String(copy, StandardCharsets.UTF_8), kind);
        }
        return copy;
      }
    }
  }

  /** The next row, or null at the end. Rethrows a failure of the reading thread. */
  Row next() throws SQLException {
    if (at < batch.size()) {
      rows++;
      return batch.get(at++);
    }
    if (batch == END) {
      return null;
    }
    try {
      batch = queue.take();
      at = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading rows", e);
    }
    if (batch == END) {
      if (failure != null) {
        throw failure instanceof SQLException s
            ? s
            : new SQLException(failure.getMessage(), failure);
      }
      return null;
    }
    return next();
  }

  long rows() {
    return rows;
  }

  /** The content checksum over every row read; call after {@link #next} returned null. */
  String checksum() {
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Object keyOf(Object v, ValueKind kind) {
    if (v == null) {
      return null;
    }
    if (kind == ValueKind.INT || kind == ValueKind.BOOL) {
      if (v instanceof Number n) {
        return n.longValue();
      }
      if (v instanceof Boolean b) {
        return b ? 1L : 0L;
      }
      try {
        return Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        return v.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
    if (kind == ValueKind.FLOAT && v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof byte[] b) {
      return b;
    }
    return v.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Orders keys as both databases order them: numbers by value, text by its UTF-8 bytes (NULL
   * first).
   */
  static int compare(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = compareOne(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareOne(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    return a.getClass().getName().compareTo(b.getClass().getName());
  }

  static String show(Object[] key) {
    List<String> parts = new ArrayList<>();
    for (Object k : key) {
      parts.add(k instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(k));
    }
    return String.join("/", parts);
  }
}
