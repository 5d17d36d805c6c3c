package io.cutover.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Writes the governance record. */
@ActivityInterface
public interface RecordActivities {
  /**
   * Writes {@code report.json}, {@code governance-record.json} and {@code execution.log} into the
   * run's own folder, each atomically. Returns the files written. Running it twice rewrites the
   * same files.
   */
  @ActivityMethod
  List<String> writeRecord(RecordRequest request);
}
