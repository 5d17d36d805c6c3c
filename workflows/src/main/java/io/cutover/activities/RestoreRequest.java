package io.cutover.activities;

import java.util.List;

/**
 * Put a database back to the content of a verified backup.
 *
 * @param backupPath the copy to restore from first
 * @param copies every verified copy, {@code backupPath} first: a copy that no longer matches {@code
 *     sha256} or cannot be read is skipped for the next one (null in requests recorded before
 *     copies were passed: then only {@code backupPath} is tried)
 */
public record RestoreRequest(
    StepContext context, DbRef db, String backupPath, String sha256, List<String> copies) {
  public RestoreRequest(StepContext context, DbRef db, String backupPath, String sha256) {
    this(context, db, backupPath, sha256, null);
  }
}
