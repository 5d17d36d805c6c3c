package io.cutover.workflow.fakes;

import io.cutover.activities.BackupActivities;
import io.cutover.activities.BackupRequest;
import io.cutover.activities.BackupResult;
import io.cutover.activities.RestoreRequest;
import io.cutover.api.StepOutcome;
import java.util.List;

/**
 * Records {@code backup <db> @<path>} and {@code restore <db> from <backup>}; a backup "lands" in
 * {@code /backups/<step>.bak}.
 */
public final class FakeBackupActivities implements BackupActivities {
  private final CallLog log;

  public FakeBackupActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public BackupResult backup(BackupRequest request) {
    log.record("backup " + request.db().name() + " @" + FakeDataActivities.path(request.db()));
    String path = "/backups/" + request.step().id() + ".bak";
    return new BackupResult(
        request.db().name(),
        path,
        "sha-" + request.step().id(),
        42,
        List.of(path),
        StepOutcome.of("backed up " + request.db().name()));
  }

  @Override
  public StepOutcome restore(RestoreRequest request) {
    log.record("restore " + request.db().name() + " from " + request.backupPath());
    return StepOutcome.of("restored " + request.db().name());
  }
}
