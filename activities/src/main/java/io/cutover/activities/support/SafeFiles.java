package io.cutover.activities.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File operations that must not leave half-written files behind. */
public final class SafeFiles {
  private SafeFiles() {}

  /** Writes text beside the target, fsyncs it, and renames it over the target. */
  public static void writeAtomically(Path target, String text) throws IOException {
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }

  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames {@code from} over {@code to} atomically and fsyncs the folder. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    fsyncDir(to.toAbsolutePath().getParent());
  }

  public static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  public static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every file system lets a folder be opened for fsync; the rename is still atomic.
    }
  }

  /**
   * Copies {@code from} to {@code to} and returns the SHA-256 of the bytes written, in one read of
   * the source: each chunk is hashed on this thread while another thread writes the previous one.
   * The copy is not fsynced.
   */
  public static String copyAndHash(Path from, Path to) throws IOException {
    MessageDigest md = sha256();
    int chunk = 4 << 20;
    java.nio.ByteBuffer[] buffers = {java.nio.ByteBuffer.allocate(chunk), java.nio.ByteBuffer.allocate(chunk)};
    java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cutover-copy-writer");
      t.setDaemon(true);
      return t;
    });
    java.util.concurrent.Future<?> pending = null;
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; ; i++) {
        java.nio.ByteBuffer buf = buffers[i % 2];
        buf.clear();
        while (buf.hasRemaining() && in.read(buf) > 0) {
          // fill the chunk
        }
        buf.flip();
        if (!buf.hasRemaining()) {
          break;
        }
        md.update(buf.array(), 0, buf.limit());
        await(pending);
        pending = writer.submit(() -> {
          while (buf.hasRemaining()) {
            out.write(buf);
          }
          return null;
        });
      }
      await(pending);
    } finally {
      writer.shutdownNow();
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void await(java.util.concurrent.Future<?> f) throws IOException {
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("copy interrupted");
    }
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
