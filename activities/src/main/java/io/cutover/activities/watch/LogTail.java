package io.cutover.activities.watch;

import io.cutover.activities.LogCursor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Counts the complete lines written to a log file after a cursor that match any pattern. A first
 * read (no cursor) only places the cursor at the end: lines already there are not the window's. A
 * file that was replaced (rotated) or shrank (truncated) is read from its start.
 */
final class LogTail {
  /** How many bytes one sample reads at most; the rest waits for the next sample. */
  static final long MAX_READ = 64L << 20;

  record Result(long matches, LogCursor cursor, String firstMatch) {}

  private LogTail() {}

  static Result read(Path file, LogCursor from, List<Pattern> patterns) throws IOException {
    if (!Files.exists(file)) {
      // Nothing written yet counts as nothing matching; the file may appear later.
      return new Result(0, from == null ? new LogCursor("absent", 0) : from, null);
    }
    String key = key(file);
    long size = Files.size(file);
    if (from == null) {
      return new Result(0, new LogCursor(key, size), null);
    }
    long offset = from.fileKey().equals(key) && from.offset() <= size ? from.offset() : 0;
    long end = Math.min(size, offset + MAX_READ);
    if (end <= offset) {
      return new Result(0, new LogCursor(key, offset), null);
    }
    byte[] buf = new byte[(int) (end - offset)];
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(offset);
      raf.readFully(buf);
    }
    int lastNewline = -1;
    for (int i = buf.length - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        lastNewline = i;
        break;
      }
    }
    if (lastNewline < 0) {
      return new Result(0, new LogCursor(key, offset), null);
    }
    String text = new String(buf, 0, lastNewline, StandardCharsets.UTF_8);
    long matches = 0;
    String first = null;
    for (String line : text.split("\n", -1)) {
      for (Pattern p : patterns) {
        if (p.matcher(line).find()) {
          matches++;
          if (first == null) {
            first = line.length() > 200 ? line.substring(0, 200) + "…" : line;
          }
          break;
        }
      }
    }
    return new Result(matches, new LogCursor(key, offset + lastNewline + 1), first);
  }

  private static String key(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Object k = a.fileKey();
    return k != null ? k.toString() : "created:" + a.creationTime().toMillis();
  }
}
