package io.cutover.workflow.fakes;

import io.cutover.activities.RecordActivities;
import io.cutover.activities.RecordRequest;
import java.util.List;

/** Records {@code record} and writes nothing. */
public final class FakeRecordActivities implements RecordActivities {
  private final CallLog log;

  public FakeRecordActivities(CallLog log) {
    this.log = log;
  }

  @Override
  public List<String> writeRecord(RecordRequest request) {
    log.record("record " + request.report().status());
    return List.of("/records/governance-record.json");
  }
}
