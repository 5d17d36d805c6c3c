package io.cutover.activities.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the text files a plan names (the plan, SQL scripts, migrations, config files, secrets). The
 * JDK's own {@code Files.readString} says only "Input length = 1" for a file that is not UTF-8;
 * this names the file, the line and the byte, and says what to do.
 */
public final class TextFiles {
  private TextFiles() {}

  /** The file's text; an IOException naming the file, line and byte when it is not UTF-8. */
  public static String readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new IOException(
          file
              + " is not UTF-8 text (line "
              + line
              + ", byte "
              + (at + 1)
              + ": 0x"
              + String.format("%02X", bytes[at] & 0xFF)
              + "): save it as UTF-8, e.g. iconv -f latin1 -t utf-8");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }
}
