package io.cutover.activities.pg;

import io.cutover.activities.support.Fail;
import io.cutover.activities.support.SafeFiles;
import io.cutover.activities.support.TextFiles;
import io.cutover.api.FailureType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scripts of a migrations folder: {@code V<version>__<name>.sql} to apply and optional {@code
 * U<version>__<name>.sql} to undo. A script's checksum is the SHA-256 of its text with line endings
 * normalized to LF, so a checkout on another OS does not count as an edit.
 */
final class Migrations {
  private static final Pattern FILE = Pattern.compile("([VU])(\\d+)__([A-Za-z0-9_.-]+)\\.sql");

  record Script(
      int version, String description, String file, String sql, String checksum, String undoSql) {}

  private Migrations() {}

  static List<Script> scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw Fail.of(FailureType.NOT_FOUND, "migrations folder " + dir + " does not exist");
    }
    Map<Integer, Path> apply = new TreeMap<>();
    Map<Integer, Path> undo = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        int v = Integer.parseInt(m.group(2));
        Map<Integer, Path> into = m.group(1).equals("V") ? apply : undo;
        Path other = into.put(v, f);
        if (other != null) {
          throw Fail.of(
              FailureType.BAD_DATA,
              "two scripts for version "
                  + v
                  + " in "
                  + dir
                  + ": "
                  + other.getFileName()
                  + " and "
                  + f.getFileName()
                  + ": give each version one script");
        }
      }
      List<Script> out = new ArrayList<>();
      for (Map.Entry<Integer, Path> e : apply.entrySet()) {
        String sql = TextFiles.readUtf8(e.getValue());
        String name = e.getValue().getFileName().toString();
        String description =
            name.substring(name.indexOf("__") + 2, name.length() - 4).replace('_', ' ');
        Path u = undo.get(e.getKey());
        out.add(
            new Script(
                e.getKey(),
                description,
                name,
                sql,
                checksum(sql),
                u == null ? null : TextFiles.readUtf8(u)));
      }
      return out;
    } catch (IOException e) {
      throw Fail.transientFault("cannot read migrations folder " + dir + ": " + e.getMessage(), e);
    }
  }

  static String checksum(String sql) {
    return HexFormat.of()
        .formatHex(
            SafeFiles.sha256().digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
  }
}
