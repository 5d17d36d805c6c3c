package io.cutover.activities;

import io.cutover.api.StepOutcome;
import java.util.List;

/**
 * A verified backup.
 *
 * @param path the copy a rollback restores from
 * @param copies every verified copy, {@code path} first
 */
public record BackupResult(
    String database,
    String path,
    String sha256,
    long bytes,
    List<String> copies,
    StepOutcome outcome) {
  public BackupResult {
    copies = copies == null ? List.of() : List.copyOf(copies);
  }
}
