package io.cutover.activities.support;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file copy whose SHA-256 is taken from the copy itself, in a pipeline: one thread copies block
 * after block inside the kernel ({@link FileChannel#transferTo}, no bytes through the JVM) and
 * starts the write-back of what it copied, while the calling thread hashes each block of the copy
 * as soon as it has landed. The hash is therefore of exactly the bytes that will be renamed into
 * place, and the copy costs little more than hashing the file once.
 */
final class HashingCopy {
  private static final long BLOCK = 16L << 20;
  private static final long FLUSH_EVERY = 64L << 20;
  private static final long END = -1;

  private HashingCopy() {}

  /**
   * Copies {@code from} to {@code to}; returns the SHA-256 of the copy. The copy is not fsynced.
   */
  static String copy(Path from, Path to) throws IOException {
    MessageDigest md = SafeFiles.sha256();
    BlockingQueue<Long> landed = new ArrayBlockingQueue<>(1024);
    ExecutorService copier =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cutover-copy");
              t.setDaemon(true);
              return t;
            });
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                to,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
      Future<Long> copied = copier.submit(() -> copyBlocks(in, out, landed));
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      long hashed = 0;
      for (long upTo = take(landed); upTo != END; upTo = take(landed)) {
        while (hashed < upTo) {
          buf.clear();
          buf.limit((int) Math.min(buf.capacity(), upTo - hashed));
          int n = out.read(buf, hashed);
          if (n <= 0) {
            throw new IOException("the copy " + to + " is shorter than what was written to it");
          }
          md.update(buf.array(), 0, n);
          hashed += n;
        }
      }
      long total = await(copied);
      if (total != hashed) {
        throw new IOException("copied " + total + " bytes of " + from + " but hashed " + hashed);
      }
    } finally {
      copier.shutdownNow();
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static long copyBlocks(FileChannel in, FileChannel out, BlockingQueue<Long> landed)
      throws Exception {
    long pos = 0;
    long flushedAt = 0;
    try {
      while (true) {
        long n = in.transferTo(pos, BLOCK, out);
        if (n <= 0) {
          return pos;
        }
        pos += n;
        landed.put(pos);
        if (pos - flushedAt >= FLUSH_EVERY) {
          // Starting the write-back now leaves little for the caller's final fsync.
          out.force(false);
          flushedAt = pos;
        }
      }
    } finally {
      landed.put(END);
    }
  }

  private static long take(BlockingQueue<Long> q) throws IOException {
    try {
      return q.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("copy interrupted");
    }
  }

  private static long await(Future<Long> f) throws IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("copy interrupted");
    }
  }
}
