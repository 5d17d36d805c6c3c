package io.cutover.activities.db;

import io.cutover.activities.BackupRequest;
import io.cutover.activities.support.PlanPaths;
import io.cutover.activities.support.SafeFiles;
import io.cutover.api.Evidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bookkeeping of a backup's copies that both engines share (a SQLite snapshot, a PostgreSQL
 * dump): where the copies go, the {@code .partial} a copy is written as, the hash check of a
 * written copy, and the {@code .sha256} seal that marks a copy finished so a rerun can reuse it.
 */
public final class BackupCopies {
  private BackupCopies() {}

  /** Where the copies named {@code fileName} go: one in each of the step's destinations. */
  public static List<Path> paths(BackupRequest request, String fileName) {
    return request.step().destinations().stream()
        .map(dest -> PlanPaths.resolve(request.context().baseDir(), dest).resolve(fileName))
        .toList();
  }

  /** The file a copy is written as until it is proven and renamed into place. */
  public static Path partial(Path copy) {
    return copy.resolveSibling(copy.getFileName() + ".partial");
  }

  /** The destination folder's name, as evidence names a copy. */
  public static String folder(Path copy) {
    return String.valueOf(copy.toAbsolutePath().getParent().getFileName());
  }

  /**
   * Records whether a written copy's hash ({@code written}, hashed as it was written) is the
   * original's ({@code expected}); when it is not, the partial file is deleted.
   *
   * @return true when they match
   */
  public static boolean hashMatches(
      Path partial, Path copy, String expected, String written, List<Evidence> evidence)
      throws IOException {
    boolean ok = expected.equals(written);
    evidence.add(
        Evidence.check(
            folder(copy) + ": sha256 of the copy",
            expected.substring(0, 12),
            written.substring(0, 12),
            ok));
    if (!ok) {
      Files.deleteIfExists(partial);
    }
    return ok;
  }

  /** The recorded checksum of a finished copy, or null if the copy is missing or unfinished. */
  public static String verifiedChecksum(Path copy) throws IOException {
    Path sidecar = sidecar(copy);
    if (!Files.exists(copy) || !Files.exists(sidecar)) {
      return null;
    }
    String recorded = Files.readString(sidecar, StandardCharsets.UTF_8).trim();
    return recorded.equals(SafeFiles.sha256(copy)) ? recorded : null;
  }

  /** Marks a copy finished by writing its checksum beside it. */
  public static void seal(Path copy, String sha256) throws IOException {
    SafeFiles.writeAtomically(sidecar(copy), sha256 + "\n");
  }

  static Path sidecar(Path copy) {
    return copy.resolveSibling(copy.getFileName() + ".sha256");
  }
}
