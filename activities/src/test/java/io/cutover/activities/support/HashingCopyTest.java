package io.cutover.activities.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashingCopyTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, (16 << 20) + 3, (64 << 20) + (1 << 20)})
  void theCopyHasTheSourcesBytesAndTheirSha256(int size) throws Exception {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path from = dir.resolve("from.db");
    Path to = dir.resolve("to.db");
    Files.write(from, bytes);
    Files.write(
        to,
        new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}); // a longer leftover is replaced, not patched

    String sha = SafeFiles.copyAndHash(from, to);

    assertArrayEquals(bytes, Files.readAllBytes(to));
    assertEquals(HexFormat.of().formatHex(SafeFiles.sha256().digest(bytes)), sha);
  }
}
